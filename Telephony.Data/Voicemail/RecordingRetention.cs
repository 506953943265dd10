using Microsoft.EntityFrameworkCore;
using Telephony.Data.Audit;

namespace Telephony.Data.Voicemail;

/// <summary>
/// Deletes voicemail recordings and transcripts (retention, an admin's early delete). The voicemail row stays as a tombstone so
/// counts and SLA history survive; each deletion writes its audit entry in the same transaction, and a deletion another
/// instance already made is recognised (the row's version), so purging twice is harmless.
/// </summary>
public sealed class RecordingRetention(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public const string RetentionActor = "retention";

    /// <summary>Voicemails received before <paramref name="cutoff"/> whose recording is not deleted yet, oldest first.</summary>
    public async Task<IReadOnlyList<StoredRecording>> ListExpiredAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Voicemails.AsNoTracking()
                .Where(v => v.RecordingDeletedAt == null && v.CreatedAt < cutoff)
                .OrderBy(v => v.CreatedAt)
                .Take(max)
                .Select(v => new StoredRecording(v.Id, v.RecordingSid, v.CreatedAt))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<StoredRecording?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Voicemails.AsNoTracking().Where(v => v.Id == id)
                .Select(v => new StoredRecording(v.Id, v.RecordingSid, v.CreatedAt) { DeletedAt = v.RecordingDeletedAt })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clears the recording's URL, audio path, transcript and callback note and records who deleted it and why; false when
    /// the voicemail does not exist or its recording was deleted already (by another instance, say).
    /// </summary>
    public async Task<bool> MarkDeletedAsync(Guid id, RecordingDeleter by, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var voicemail = await db.Voicemails.FirstOrDefaultAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
            if (voicemail is null || voicemail.RecordingDeletedAt is not null)
            {
                return false;
            }

            var now = timeProvider.GetUtcNow();
            Tombstone(voicemail, by.Name, now);
            db.AdminAuditEntries.Add(AdminAuditLog.Entry(by.UserId, by.Name, "recording-delete", voicemail.RecordingSid,
                $"voicemail {voicemail.Id} received {voicemail.CreatedAt:yyyy-MM-dd}; {reason}", now));
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed since we read it (another instance's purge, a triage move): the next pass looks again.
                return false;
            }
        }
    }

    /// <summary>Empties a voicemail of everything the caller said, keeping the row (and its triage history) as a tombstone.</summary>
    internal static void Tombstone(VoicemailMessage voicemail, string deletedBy, DateTimeOffset now)
    {
        voicemail.RecordingUrl = "";
        voicemail.AudioPath = null;
        voicemail.AudioStatus = AudioStatus.Deleted;
        voicemail.NextFetchAt = null;
        voicemail.Transcript = null;
        voicemail.CallbackNote = null;
        voicemail.RecordingDeletedAt = now;
        voicemail.RecordingDeletedBy = deletedBy.Length > 256 ? deletedBy[..256] : deletedBy;
    }
}

/// <summary>A voicemail's recording as retention sees it.</summary>
public sealed record StoredRecording(Guid Id, string RecordingSid, DateTimeOffset CreatedAt)
{
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>Who deletes a recording: the retention service, or an admin (user id and email).</summary>
public sealed record RecordingDeleter(string? UserId, string Name)
{
    public static RecordingDeleter Retention { get; } = new(null, RecordingRetention.RetentionActor);
}
