using Telephony.Data.Infrastructure;

namespace Telephony.Data.Voicemail;

/// <summary>A voicemail left by a caller: the recording, its transcript, the audio copy and the triage state.</summary>
public class VoicemailMessage : IVersioned
{
    public Guid Id { get; set; }

    public string CallSid { get; set; } = "";

    public string RecordingSid { get; set; } = "";

    public string RecordingUrl { get; set; } = "";

    public int? DurationSeconds { get; set; }

    public string? Transcript { get; set; }

    /// <summary>Twilio's <c>TranscriptionStatus</c> (<c>completed</c>, <c>failed</c>), null until the callback arrives.</summary>
    public string? TranscriptStatus { get; set; }

    /// <summary>Where the fetched audio is kept (relative to the app's storage root).</summary>
    public string? AudioPath { get; set; }

    public AudioStatus AudioStatus { get; set; } = AudioStatus.Pending;

    public int FetchAttempts { get; set; }

    public DateTimeOffset? NextFetchAt { get; set; }

    public string? LastFetchError { get; set; }

    public VoicemailState State { get; set; } = VoicemailState.New;

    public string? AssigneeUserId { get; set; }

    public string? CallbackNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? CalledBackAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>When the recording, transcript and note were deleted (retention, an admin, an erasure request); the row stays as a tombstone.</summary>
    public DateTimeOffset? RecordingDeletedAt { get; set; }

    /// <summary>Who deleted it: <c>retention</c>, <c>erasure</c> or the admin's email.</summary>
    public string? RecordingDeletedBy { get; set; }

    public Guid Version { get; set; }
}
