using Microsoft.EntityFrameworkCore;
using Telephony.Data.Provisioning;

namespace Telephony.Data.Metrics;

internal static class FailedTransactionsQuery
{
    public static async Task<FailedTransactions> RunAsync(TelephonyDbContext db, DateTimeOffset now, int latest, CancellationToken cancellationToken)
    {
        var failed = db.ProvisioningTransactions.AsNoTracking().Where(t => t.Status == TransactionStatus.Failed);
        var hourAgo = now.AddHours(-1);

        // A failed saga is not touched again, so its last update is when it failed.
        var counts = await failed
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), InLastHour = g.Count(t => t.UpdatedAt > hourAgo) })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        var rows = await failed
            .OrderByDescending(t => t.UpdatedAt)
            .Take(latest)
            .Select(t => new FailedTransaction(t.Id, t.Kind, t.CurrentStep, t.Error, t.CreatedAt, t.UpdatedAt))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        return new FailedTransactions(counts?.Total ?? 0, counts?.InLastHour ?? 0, rows);
    }
}
