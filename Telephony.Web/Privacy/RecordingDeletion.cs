using System.Security.Claims;
using Telephony.Data.Voicemail;
using Telephony.Web.Auth;
using Telephony.Web.Provisioning;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Privacy;

/// <summary>
/// Deletes a voicemail's recording: the audio file first, then the row's recording, transcript and note (with its audit entry).
/// The file goes first so a failure in between leaves a row that the next attempt finishes, never an orphaned file.
/// </summary>
public sealed partial class RecordingDeletion(RecordingRetention retention, VoicemailAudioStorage storage, ILogger<RecordingDeletion> logger)
{
    /// <summary>An admin's early delete from the inbox or the API; Support is refused.</summary>
    public async Task<RecordingDeleteOutcome> DeleteAsync(ClaimsPrincipal user, Guid voicemailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Admin))
        {
            return RecordingDeleteOutcome.Forbidden;
        }

        var recording = await retention.FindAsync(voicemailId, cancellationToken).ConfigureAwait(false);
        if (recording is null)
        {
            return RecordingDeleteOutcome.NotFound;
        }

        if (recording.DeletedAt is not null)
        {
            return RecordingDeleteOutcome.AlreadyDeleted;
        }

        var actor = AdminActor.From(user);
        var deleted = await DeleteAsync(recording, new RecordingDeleter(actor.UserId, actor.Email ?? actor.UserId ?? "admin"), "deleted early by an admin", cancellationToken)
            .ConfigureAwait(false);
        return deleted ? RecordingDeleteOutcome.Deleted : RecordingDeleteOutcome.AlreadyDeleted;
    }

    /// <summary>Deletes one recording; false when it was deleted already (another instance, another admin).</summary>
    public async Task<bool> DeleteAsync(StoredRecording recording, RecordingDeleter by, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        storage.Delete(recording.RecordingSid);
        var deleted = await retention.MarkDeletedAsync(recording.Id, by, reason, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            LogDeleted(logger, recording.RecordingSid, by.UserId is null ? by.Name : "admin", reason);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingSid} deleted by {Actor}: {Reason}")]
    private static partial void LogDeleted(ILogger logger, string recordingSid, string actor, string reason);
}

public enum RecordingDeleteOutcome
{
    Deleted,
    AlreadyDeleted,
    NotFound,
    Forbidden,
}
