using Telephony.Core.Validation;
using Telephony.Data.Voicemail;
using Telephony.Web.Api;
using Telephony.Web.Privacy;

namespace Telephony.Web.Voicemail;

/// <summary>
/// One voicemail in the read API. <c>caller</c> is whole for admins and masked for Support; <c>assignee</c> is the claiming
/// user's email; <c>retentionDate</c> is when the recording and transcript are deleted (<c>Retention:RecordingDays</c>), and
/// <c>recordingDeletedAt</c> says when they were.
/// </summary>
public sealed record VoicemailDto(
    Guid Id, string CallSid, string RecordingSid, string? Caller, DateTimeOffset ReceivedAt, int? DurationSeconds,
    string? Transcript, string? TranscriptStatus, string State, string? Assignee, DateTimeOffset? ClaimedAt, DateTimeOffset? CalledBackAt,
    DateTimeOffset? ArchivedAt, string Audio, DateTimeOffset RetentionDate, DateTimeOffset? RecordingDeletedAt)
{
    public static VoicemailDto From(VoicemailSummary voicemail, bool revealCaller, RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(voicemail);
        ArgumentNullException.ThrowIfNull(retention);
        return new VoicemailDto(
            voicemail.Id, voicemail.CallSid, voicemail.RecordingSid, revealCaller || voicemail.Caller is null ? voicemail.Caller : PhoneMask.Mask(voicemail.Caller),
            voicemail.CreatedAt, voicemail.DurationSeconds, voicemail.Transcript, voicemail.TranscriptStatus, WireNames.Of(voicemail.State),
            voicemail.AssigneeEmail, voicemail.ClaimedAt, voicemail.CalledBackAt, voicemail.ArchivedAt, WireNames.Of(voicemail.AudioStatus),
            retention.RecordingExpiresAt(voicemail.CreatedAt), voicemail.RecordingDeletedAt);
    }
}
