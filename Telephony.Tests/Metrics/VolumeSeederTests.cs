using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Consent;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Consent;
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
    public async Task Every_seeded_call_that_reached_the_menu_has_the_ledger_entries_its_consent_state_needs()
    {
        await MetricsSeed.ResetAsync(database);
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var time = new FakeTimeProvider(Now);
        var result = await Seeder(instance.Feed, time).SeedCallsAsync(1_000, TimeSpan.FromDays(1), seed: 7, Ct);

        await using var db = database.CreateDbContext();
        var calls = await db.Calls.AsNoTracking().ToListAsync(Ct);
        var ledger = (await db.ConsentRecords.AsNoTracking().ToListAsync(Ct)).OrderBy(r => r.Id).ToLookup(r => r.CallSid, StringComparer.Ordinal);
        var records = ledger.SelectMany(r => r).ToList();

        Assert.Equal(records.Count, result.ConsentRecords);
        var granted = calls.Count(c => c.ConsentState == ConsentState.Granted);
        var withdrawn = calls.Count(c => c.ConsentState == ConsentState.Withdrawn);
        Assert.InRange(granted, 800, 900);
        Assert.InRange(withdrawn, 20, 80);
        Assert.Equal(
            (granted + withdrawn, withdrawn, 0),
            (records.Count(r => r.Decision == ConsentDecision.Granted), records.Count(r => r.Decision == ConsentDecision.Withdrawn),
                records.Count(r => r.Decision == ConsentDecision.NotRecorded)));
        Assert.Empty(ledger.Select(g => g.Key).Except(calls.Select(c => c.CallSid), StringComparer.Ordinal));
        foreach (var call in calls)
        {
            ConsentDecision[] expected = call.ConsentState switch
            {
                ConsentState.Granted => [ConsentDecision.Granted],
                ConsentState.Withdrawn => [ConsentDecision.Granted, ConsentDecision.Withdrawn],
                _ => [],
            };
            var entries = ledger[call.CallSid].ToList();
            Assert.Equal(expected, entries.Select(r => r.Decision));
            Assert.True(!call.RateLimited || entries.Count == 0, call.CallSid);
            foreach (var entry in entries)
            {
                Assert.Equal(
                    (call.From, ConsentPolicy.PromptVersion, ConsentPolicy.Jurisdiction),
                    (entry.CallerNumber, entry.PromptVersion, entry.Jurisdiction));
                Assert.Equal(entry.Decision == ConsentDecision.Granted ? ("disclosure-continued", "en") : ("dtmf-8", call.Language), (entry.Method, entry.Language));
                Assert.InRange(entry.RecordedAt, call.CreatedAt.AddSeconds(6), call.EndedAt ?? Now);
                Assert.True(entry.RecordedAt <= call.CreatedAt.AddSeconds(14), $"{call.CallSid} decided {entry.RecordedAt - call.CreatedAt} in");
                Assert.True(call.TransferStartedAt is null || entry.RecordedAt < call.TransferStartedAt, call.CallSid);
            }
        }
    }

    [Fact]
    public async Task The_consent_figures_of_seeded_calls_and_their_hourly_rollups_agree_with_a_count_of_the_rows()
    {
        await MetricsSeed.ResetAsync(database);
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var time = new FakeTimeProvider(Now);
        await Seeder(instance.Feed, time).SeedCallsAsync(2_000, TimeSpan.FromDays(30), seed: 3, Ct);
        var from = Now.AddDays(-30);

        var metrics = await new MonitoringQueries(database, time).GetConsentAsync(from, Now, TimeZoneInfo.Utc, Ct);

        await using var db = database.CreateDbContext();
        var calls = await db.Calls.AsNoTracking().ToListAsync(Ct);
        var records = await db.ConsentRecords.AsNoTracking().ToListAsync(Ct);
        var folded = (await db.Set<RollupState>().AsNoTracking().SingleAsync(Ct)).FoldedThrough;
        var rollups = await db.Set<CallHourRollup>().AsNoTracking().ToListAsync(Ct);
        Assert.NotNull(folded);
        Assert.InRange(folded.Value, Now.AddHours(-2), Now);

        var counted = Count(calls, records, from, Now);
        Assert.True(counted.HeardDisclosure > 1_500 && counted.Withdrawn > 40, counted.ToString());
        Assert.Equal(counted, metrics.Totals);
        Assert.Equal(counted.HeardDisclosure, metrics.ByDayAndLanguage.Sum(b => b.Counts.HeardDisclosure));

        var inRollups = Count(calls, records, from, folded.Value);
        Assert.Equal(
            inRollups,
            new ConsentCounts(rollups.Sum(r => r.ConsentHeard), rollups.Sum(r => r.ConsentStood), rollups.Sum(r => r.ConsentWithdrawn), rollups.Sum(r => r.RecordingsWithoutConsent)));
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

    // The Consent page's figures counted from the rows (the seed records nothing, so no recording without consent).
    private static ConsentCounts Count(List<Call> calls, List<ConsentRecord> records, DateTimeOffset from, DateTimeOffset to)
    {
        var decided = records.Where(r => r.Decision != ConsentDecision.NotRecorded).ToLookup(r => r.CallSid, StringComparer.Ordinal);
        var offered = calls.Where(c => c.ParentCallSid is null && !c.RateLimited && c.CreatedAt >= from && c.CreatedAt < to).ToList();
        var heard = offered.Where(c => decided[c.CallSid].Any()).ToList();
        return new ConsentCounts(
            heard.Count,
            heard.Count(c => c.ConsentState == ConsentState.Granted),
            offered.Count(c => c.ConsentState == ConsentState.Withdrawn || decided[c.CallSid].Any(r => r.Decision == ConsentDecision.Withdrawn)),
            0);
    }

    private VolumeSeeder Seeder(IChangeFeed feed, FakeTimeProvider time) =>
        new(new DatabaseSettings(database.Provider, database.ConnectionString), feed, new HourlyRollups(database, time), time);
}

public sealed class SqliteVolumeSeederTests(SqliteDatabase database) : VolumeSeederTests<SqliteDatabase>(database);

public sealed class PostgresVolumeSeederTests(PostgresDatabase database) : VolumeSeederTests<PostgresDatabase>(database);
