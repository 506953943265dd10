using Telephony.Data.Voicemail;

namespace Telephony.Data.Metrics;

/// <summary>A voicemail still waiting for a call back (new or claimed): who left it and when.</summary>
public sealed record WaitingVoicemail(Guid Id, string? Caller, DateTimeOffset CreatedAt, VoicemailState State);
