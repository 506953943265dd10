using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Data;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.Seeding;
using Telephony.Tests.Data;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>The load generator behind performance checks of the monitoring queries.</summary>
public abstract class VolumeSeederTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_seeded_calls_load_through_EF_Core_and_give_the_same_metrics_on_both_providers()
    {
        await MetricsSeed.ResetAsync(database);
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        using var subscription = instance.Feed.Subscribe();
        var time = new FakeTimeProvider(Now);
        var seeder = new VolumeSeeder(new DatabaseSettings(database.Provider, database.ConnectionString), instance.Feed, new HourlyRollups(database, time), time);

        var result = await seeder.SeedCallsAsync(1_000, TimeSpan.FromDays(1), seed: 7, Ct);

        Assert.Equal(1_000, result.Calls);
        Assert.Equal((Now.AddDays(-1), Now), (result.From, result.To));
        await using (var db = database.CreateDbContext())
        {
            var calls = await db.Calls.AsNoTracking().ToListAsync(Ct);
            Assert.Equal(1_000, calls.Count);
            Assert.All(calls, c => Assert.InRange(c.CreatedAt, result.From, result.To));
            Assert.All(calls, c => Assert.NotEqual(Guid.Empty, c.Version));
        }

        var metrics = await new MonitoringQueries(database, time).GetCallSuccessAsync(result.From, result.To.AddTicks(1), cancellationToken: Ct);
        // offered, blocked, transfers attempted, answered, voicemails, abandoned, IVR abandons, short abandons, in progress
        Assert.Equal(
            (964, 36, 742, 518, 219, 112, 71, 44, 0),
            (metrics.Offered, metrics.Blocked, metrics.TransfersAttempted, metrics.TransfersAnswered, metrics.Voicemails,
                metrics.Abandoned, metrics.IvrAbandons, metrics.ShortAbandons, metrics.InProgress));
        await subscription.NextAsync(n => n.IsResync, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_seed_command_line_reads_calls_days_and_seed()
    {
        Assert.True(VolumeSeedCommand.TryParse(["seed", "--calls", "1000000"], out var calls, out var days, out var seed));
        Assert.Equal((1_000_000, 30.0, 1), (calls, days, seed));
        Assert.True(VolumeSeedCommand.TryParse(["seed", "--calls", "10", "--days", "2", "--seed", "9"], out calls, out days, out seed));
        Assert.Equal((10, 2.0, 9), (calls, days, seed));
        Assert.False(VolumeSeedCommand.TryParse(["seed"], out _, out _, out _));
        Assert.False(VolumeSeedCommand.TryParse(["seed", "--calls"], out _, out _, out _));
        Assert.False(VolumeSeedCommand.TryParse(["serve", "--calls", "1"], out _, out _, out _));
    }
}

public sealed class SqliteVolumeSeederTests(SqliteDatabase database) : VolumeSeederTests<SqliteDatabase>(database);

public sealed class PostgresVolumeSeederTests(PostgresDatabase database) : VolumeSeederTests<PostgresDatabase>(database);
