using System.Diagnostics;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics.Rollups;

namespace Telephony.Data.Seeding;

/// <summary>
/// Loads synthetic parent calls and their consent ledger for performance checks, bypassing EF Core (binary COPY on
/// PostgreSQL, batched prepared inserts on SQLite). The hours loaded are then counted into the hourly rollups, consent
/// counts included (the rows carry past <c>UpdatedAt</c> and <c>RecordedAt</c> values, which a rollup pass does not take
/// for changes), and the change feed is told to resync, since the interceptor never saw these rows.
/// </summary>
public sealed class VolumeSeeder(DatabaseSettings settings, IChangeFeed changeFeed, HourlyRollups rollups, TimeProvider timeProvider)
{
    /// <summary>
    /// Inserts <paramref name="calls"/> calls spread over the <paramref name="span"/> (default 30 days) ending now, with the
    /// consent ledger entries their flow would have written.
    /// </summary>
    public async Task<VolumeSeedResult> SeedCallsAsync(int calls, TimeSpan? span = null, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        var to = timeProvider.GetUtcNow();
        var window = span ?? TimeSpan.FromDays(30);
        var synthetic = new SyntheticCalls(seed, to, window);
        var rows = synthetic.Generate(calls);
        var ledger = synthetic.Ledger(calls);

        var stopwatch = Stopwatch.StartNew();
        var written = settings.Provider == DatabaseProvider.Postgres
            ? await PostgresSeedCopy.WriteAsync(settings.ConnectionString, rows, ledger, to - window, to, cancellationToken).ConfigureAwait(false)
            : await SqliteSeedInsert.WriteAsync(settings.ConnectionString, rows, ledger, cancellationToken).ConfigureAwait(false);
        await rollups.RefoldAsync(to - window, to, cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();

        await changeFeed.PublishAsync(ChangeNotice.Resync, cancellationToken).ConfigureAwait(false);
        return new VolumeSeedResult(written.Calls, written.ConsentRecords, to - window, to, stopwatch.Elapsed);
    }
}
