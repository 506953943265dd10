using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Metrics;

internal static class RateLimitViolationsQuery
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Callers rejected in the last hour, the most rejected first.</summary>
    public static async Task<IReadOnlyList<CallerViolations>> RunAsync(TelephonyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - Window;
        var groups = await db.RateLimitViolations.AsNoTracking()
            .Where(v => v.At > from && v.At <= now)
            .GroupBy(v => v.CallerNumber)
            .Select(g => new { Caller = g.Key, Count = g.Count(), LastAt = g.Max(v => v.At) })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        return groups
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastAt).ThenBy(g => g.Caller, StringComparer.Ordinal)
            .Select(g => new CallerViolations(g.Caller, g.Count, g.LastAt))
            .ToList();
    }
}
