namespace Telephony.Data.Voicemail;

/// <summary>Which voicemails the read API lists: left since <see cref="Since"/>, in a triage state, with an audio status.</summary>
public sealed record VoicemailListFilter(DateTimeOffset? Since = null, VoicemailState? State = null, AudioStatus? Audio = null);
