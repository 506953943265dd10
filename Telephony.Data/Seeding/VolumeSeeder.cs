using System.Diagnostics;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics.Rollups;

namespace Telephony.Data.Seeding;

/// <summary>
/// Loads synthetic parent calls for performance checks, bypassing EF Core (binary COPY on PostgreSQL, batched prepared
/// inserts on SQLite). The hours loaded are then counted into the hourly rollups (the rows carry past <c>UpdatedAt</c>
/// values, which a rollup pass does not take for changes), and the change feed is told to resync, since the interceptor
/// never saw these rows.
/// </summary>
public sealed class VolumeSeeder(DatabaseSettings settings, IChangeFeed changeFeed, HourlyRollups rollups, TimeProvider timeProvider)
{
    /// <summary>Inserts <paramref name="calls"/> calls spread over the <paramref name="span"/> (default 30 days) ending now.</summary>
    public async Task<VolumeSeedResult> SeedCallsAsync(int calls, TimeSpan? span = null, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        var to = timeProvider.GetUtcNow();
        var window = span ?? TimeSpan.FromDays(30);
        var rows = new SyntheticCalls(seed, to, window).Generate(calls);

        var stopwatch = Stopwatch.StartNew();
        var written = settings.Provider == DatabaseProvider.Postgres
            ? await PostgresCallCopy.WriteAsync(settings.ConnectionString, rows, to - window, to, cancellationToken).ConfigureAwait(false)
            : await SqliteCallInsert.WriteAsync(settings.ConnectionString, rows, cancellationToken).ConfigureAwait(false);
        await rollups.RefoldAsync(to - window, to, cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();

        await changeFeed.PublishAsync(ChangeNotice.Resync, cancellationToken).ConfigureAwait(false);
        return new VolumeSeedResult(written, to - window, to, stopwatch.Elapsed);
    }
}
