using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Metrics;

internal static class NumberStatusQuery
{
    public static async Task<IReadOnlyList<NumberStatusCount>> RunAsync(TelephonyDbContext db, CancellationToken cancellationToken)
    {
        var groups = await db.PhoneNumbers.AsNoTracking()
            .GroupBy(n => new { n.Status, n.ConfigurationStatus })
            .Select(g => new NumberStatusCount(g.Key.Status, g.Key.ConfigurationStatus, g.Count()))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        // Ordered here with ordinal comparison: the two databases collate text differently.
        return groups
            .OrderBy(g => g.Status, StringComparer.Ordinal)
            .ThenBy(g => g.ConfigurationStatus, StringComparer.Ordinal)
            .ToList();
    }
}
