namespace Telephony.Data.Voicemail;

/// <summary>One voicemail as the read API lists it: transcript, triage and audio status, never the audio itself.</summary>
public sealed record VoicemailSummary(
    Guid Id, string CallSid, string RecordingSid, string? Caller, DateTimeOffset CreatedAt, int? DurationSeconds, string? Transcript,
    string? TranscriptStatus, VoicemailState State, string? AssigneeEmail, DateTimeOffset? ClaimedAt, DateTimeOffset? CalledBackAt,
    DateTimeOffset? ArchivedAt, AudioStatus AudioStatus, DateTimeOffset? RecordingDeletedAt);
