using Microsoft.EntityFrameworkCore;
using Telephony.Data.Voicemail;

namespace Telephony.Data.Metrics;

internal static class VoicemailBacklogQuery
{
    public static async Task<VoicemailBacklog> RunAsync(TelephonyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One row per state from the (State, CreatedAt) index.
        var groups = await db.Voicemails.AsNoTracking()
            .Where(v => v.State == VoicemailState.New || v.State == VoicemailState.Claimed)
            .GroupBy(v => v.State)
            .Select(g => new { State = g.Key, Count = g.Count(), Oldest = g.Min(v => v.CreatedAt) })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var newCount = groups.Where(g => g.State == VoicemailState.New).Sum(g => g.Count);
        var claimed = groups.Where(g => g.State == VoicemailState.Claimed).Sum(g => g.Count);
        DateTimeOffset? oldest = groups.Count == 0 ? null : groups.Min(g => g.Oldest);
        return new VoicemailBacklog(newCount, claimed, oldest, now - oldest);
    }
}
