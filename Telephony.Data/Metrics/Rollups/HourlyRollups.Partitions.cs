using Microsoft.EntityFrameworkCore;
using Npgsql;
using Telephony.Data.Calls;

namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// The PostgreSQL part of the retention: whole months of calls and timelines go by dropping their partitions
/// (<see cref="CallPartitions"/>), once the whole month is past the cut-off; only the legacy partition (calls stored
/// before partitioning) goes by the batched deletes both providers share.
/// </summary>
public sealed partial class HourlyRollups
{
    /// <summary>How long a drop waits for the tables' lock before this run gives up (the next run tries again).</summary>
    private const string DropLockTimeout = "5s";

    /// <summary>
    /// Detaches and drops every partition of <c>Calls</c> and <c>CallEvents</c> wholly before <paramref name="cutoff"/>,
    /// each in its own short transaction; then deletes, in batches, the events that the dropped months' calls of their
    /// last day have in the next month (a call at 23:59 on the month's last day has its timeline after midnight).
    /// Returns the number of partitions dropped, or null when a drop could not take its lock in time.
    /// </summary>
    /// <remarks>
    /// A plain <c>DETACH PARTITION</c> holds an exclusive lock on the parent for a catalog change (milliseconds) and runs in
    /// a transaction with its <c>DROP TABLE</c>, so a crash never leaves a detached table behind; <c>DETACH … CONCURRENTLY</c>
    /// cannot run in a transaction and waits for every transaction on the table to end. The lock timeout keeps a drop
    /// queued behind a long read from stalling the webhooks' writes behind it.
    /// </remarks>
    private async Task<int?> DropExpiredPartitionsAsync(TelephonyDbContext db, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var expired = (await CallPartitions.ListAsync(db.Database.GetDbConnection(), cancellationToken).ConfigureAwait(false))
                .Where(p => p.UpperBound <= cutoff).ToList();
            foreach (var partition in expired)
            {
                try
                {
                    await InTransactionAsync(db, async () =>
                    {
                        await db.Database.ExecuteSqlRawAsync($"SET LOCAL lock_timeout = '{DropLockTimeout}'", cancellationToken).ConfigureAwait(false);
                        await db.Database.ExecuteSqlRawAsync(CallPartitions.DropSql(partition), cancellationToken).ConfigureAwait(false);
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
                {
                    return null;
                }

                if (partition.Parent == "Calls")
                {
                    await DeleteNextMonthStragglersAsync(db, partition.UpperBound.ToUniversalTime(), batchSize, cancellationToken).ConfigureAwait(false);
                }
            }

            return expired.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where the batched deletes stop on PostgreSQL: the start of the month holding <paramref name="cutoff"/>, whose
    /// partition stays whole until the month is wholly past the cut-off and then goes by a drop; the cut-off itself
    /// when the legacy partition holds it (calls stored before partitioning go one by one, as on SQLite).
    /// </summary>
    private static async Task<DateTimeOffset> RowCutoffAsync(TelephonyDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var holding = (await CallPartitions.ListAsync(db.Database.GetDbConnection(), cancellationToken).ConfigureAwait(false))
                .Where(p => p.Parent == "Calls" && p.UpperBound > cutoff)
                .MinBy(p => p.UpperBound);
            var utc = cutoff.ToUniversalTime();
            return holding is null || CallPartitions.IsLegacy(holding) ? cutoff : new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task DeleteNextMonthStragglersAsync(TelephonyDbContext db, DateTimeOffset end, int batchSize, CancellationToken cancellationToken)
    {
        var lastDay = end.AddDays(-1);
        int deleted;
        do
        {
            deleted = 0;
            await InTransactionAsync(db, async () => deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM "CallEvents" WHERE ("Id", "OccurredAt") IN (
                    SELECT e."Id", e."OccurredAt" FROM "CallSids" s JOIN "CallEvents" e ON e."CallSid" = s."CallSid" AND e."OccurredAt" >= {end}
                    WHERE s."CreatedAt" >= {lastDay} AND s."CreatedAt" < {end}
                    LIMIT {batchSize})
                """, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        while (deleted == batchSize);
    }

    /// <summary>
    /// Deletes, in batches, the sids of calls created before <paramref name="cutoff"/> that are gone: those of dropped
    /// months (a dropped table fires no trigger). Returns false when the budget ran out first.
    /// </summary>
    private async Task<bool> DeleteReleasedSidsAsync(TelephonyDbContext db, DateTimeOffset cutoff, int batchSize, long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        var before = cutoff.ToUniversalTime();
        int deleted;
        do
        {
            deleted = 0;
            await InTransactionAsync(db, async () => deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM "CallSids" WHERE "CallSid" IN (
                    SELECT s."CallSid" FROM "CallSids" s
                    WHERE s."CreatedAt" < {before}
                      AND NOT EXISTS (SELECT 1 FROM "Calls" c WHERE c."CallSid" = s."CallSid" AND c."CreatedAt" = s."CreatedAt")
                    ORDER BY s."CreatedAt" LIMIT {batchSize})
                """, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (deleted == batchSize && timeProvider.GetElapsedTime(started) >= budget)
            {
                return false;
            }
        }
        while (deleted == batchSize);
        return true;
    }
}
