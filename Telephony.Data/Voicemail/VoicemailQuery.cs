using Microsoft.EntityFrameworkCore;
using Telephony.Data.Identity;
using Telephony.Data.Paging;

namespace Telephony.Data.Voicemail;

/// <summary>
/// Voicemails for the read API: newest first, keyset-paged on (<see cref="VoicemailMessage.CreatedAt"/>,
/// <see cref="VoicemailMessage.RecordingSid"/>), served in order by <c>IX_Voicemails_CreatedAt_RecordingSid</c>. Never the audio.
/// </summary>
public sealed class VoicemailQuery(IDbContextFactory<TelephonyDbContext> contextFactory)
{
    public async Task<KeysetPage<VoicemailSummary>> ListAsync(VoicemailListFilter filter, KeysetCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var query = db.Voicemails.AsNoTracking();
            if (filter.Since is { } since)
            {
                query = query.Where(v => v.CreatedAt >= since);
            }

            if (filter.State is { } state)
            {
                query = query.Where(v => v.State == state);
            }

            if (filter.Audio is { } audio)
            {
                query = query.Where(v => v.AudioStatus == audio);
            }

            if (after is { } cursor)
            {
                var at = cursor.At;
                var key = cursor.Key;
#pragma warning disable CA1309 // Translated to SQL "<": the database orders the index and compares the key under one collation.
                query = query.Where(v => v.CreatedAt <= at && (v.CreatedAt < at || string.Compare(v.RecordingSid, key) < 0));
#pragma warning restore CA1309
            }

            // The page first (in index order), then the caller and the assignee of its rows only.
            var page = query.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.RecordingSid).Take(limit + 1);
            var rows = await (
                    from v in page
                    join c in db.Calls on v.CallSid equals c.CallSid into calls
                    from c in calls.DefaultIfEmpty()
                    join u in db.Set<AppUser>() on v.AssigneeUserId equals u.Id into users
                    from u in users.DefaultIfEmpty()
                    orderby v.CreatedAt descending, v.RecordingSid descending
                    select new VoicemailSummary(
                        v.Id, v.CallSid, v.RecordingSid, c == null ? null : c.From, v.CreatedAt, v.DurationSeconds, v.Transcript, v.TranscriptStatus,
                        v.State, u == null ? null : u.Email, v.ClaimedAt, v.CalledBackAt, v.ArchivedAt, v.AudioStatus, v.RecordingDeletedAt))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return KeysetPaging.Cut(rows, limit, v => new KeysetCursor(v.CreatedAt, v.RecordingSid));
        }
    }
}
