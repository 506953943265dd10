using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Rollups;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>
/// The hourly rollups against the calls themselves: every page's figures read through rollups equal the same figures
/// read call by call (the rollup state removed), after the first pass, after late changes to old calls, and with two
/// passes at once.
/// </summary>
public abstract class HourlyRollupTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    // Mid-hour, so every window has part hours at both ends.
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 37, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly TimeZoneInfo StJohns = TimeZoneInfo.FindSystemTimeZoneById("America/St_Johns");

    private readonly TDatabase database;
    private readonly FakeTimeProvider time = new(Now);
    private readonly MonitoringQueries queries;

    protected HourlyRollupTests(TDatabase database)
    {
        this.database = database;
        queries = new MonitoringQueries(database, time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await MetricsSeed.ResetAsync(database);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_window_read_through_rollups_equals_the_same_window_read_call_by_call()
    {
        var calls = await SeedAsync();
        var byCalls = await FiguresAsync();
        Assert.True(byCalls.Consent90.Totals.HeardDisclosure > 100, "the seed should give consent figures worth comparing");

        var pass = await new HourlyRollups(database, time).RunPassAsync(Ct);

        Assert.True(pass.Ran);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), pass.FoldedThrough);
        Assert.True(pass.HoursFolded > 90 * 24, $"{pass.HoursFolded} hours folded");
        await using (var db = database.CreateDbContext())
        {
            var rollups = await db.Set<CallHourRollup>().AsNoTracking().ToListAsync(Ct);
            Assert.Equal(calls.Count(c => c.CreatedAt < pass.FoldedThrough), rollups.Sum(r => r.Offered + r.Blocked));
            Assert.All(rollups, r => Assert.True(r.HourStart < pass.FoldedThrough));
        }

        AssertSame(byCalls, await FiguresAsync());
        await AssertSameAsCallByCallAsync();
    }

    [Fact]
    public async Task Hours_already_folded_are_counted_again_when_their_calls_change_late()
    {
        var calls = await SeedAsync();
        var rollups = new HourlyRollups(database, time);
        await rollups.RunPassAsync(Ct);
        var month = await queries.GetCallSuccessAsync(Now.AddDays(-30), Now, cancellationToken: Ct);
        var quarter = await queries.GetConsentAsync(Now.AddDays(-90), Now, Toronto, Ct);

        time.Advance(TimeSpan.FromMinutes(1));
        var now = time.GetUtcNow();
        var stillTalking = calls.First(c => c.EndedAt is null && Between(c, 20, 29));
        var granted = calls.First(c => c.ConsentState == ConsentState.Granted && Between(c, 40, 89));
        var unknown = calls.First(c => c.ConsentState == ConsentState.Unknown && Between(c, 60, 89));
        var ringing = calls.First(c => c.TransferStartedAt is null && c.EndedAt is null && Between(c, 3, 29) && c.CallSid != stillTalking.CallSid);
        await using (var db = database.CreateDbContext())
        {
            // A late status callback: the call ends, its row is updated.
            var ended = await db.Calls.SingleAsync(c => c.CallSid == stillTalking.CallSid, Ct);
            ended.Status = CallStatus.Completed;
            ended.EndedAt = ended.CreatedAt.AddMinutes(3);
            ended.UpdatedAt = now;

            // A withdrawal recorded in the ledger; the call's row moves without a new UpdatedAt (only the ledger says so).
            db.ConsentRecords.Add(MetricsSeed.Consent(granted.CallSid, ConsentDecision.Withdrawn, now));
            await db.SaveChangesAsync(Ct);
            await db.Calls.Where(c => c.CallSid == granted.CallSid)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsentState, ConsentState.Withdrawn), Ct);

            // A recording callback adds an event and leaves the call's row alone.
            db.CallEvents.Add(MetricsSeed.CallRecording(unknown.CallSid, now));

            // A transfer leg's status stamps its parent without touching the parent's UpdatedAt.
            var leg = CallBuilder.LegOf(ringing);
            leg.UpdatedAt = now;
            db.Calls.Add(leg);
            await db.SaveChangesAsync(Ct);
            await db.Calls.Where(c => c.CallSid == ringing.CallSid)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TransferStartedAt, ringing.CreatedAt.AddSeconds(30)), Ct);
        }

        var pass = await rollups.RunPassAsync(Ct);

        Assert.True(pass.Ran);
        Assert.InRange(pass.HoursFolded, 1, 4);
        // The same windows as before the changes, now read through the recounted hours.
        var monthAfter = await queries.GetCallSuccessAsync(Now.AddDays(-30), Now, cancellationToken: Ct);
        var quarterAfter = await queries.GetConsentAsync(Now.AddDays(-90), Now, Toronto, Ct);
        Assert.Equal(quarter.Totals.Withdrawn + 1, quarterAfter.Totals.Withdrawn);
        Assert.Equal(quarter.Totals.ConsentStood - 1, quarterAfter.Totals.ConsentStood);
        Assert.Equal(quarter.Totals.RecordingsWithoutConsent + 1, quarterAfter.Totals.RecordingsWithoutConsent);
        Assert.Equal(month.Finished + 1, monthAfter.Finished);
        Assert.Equal(month.TransfersAttempted + 1, monthAfter.TransfersAttempted);
        await AssertSameAsCallByCallAsync();
    }

    [Fact]
    public async Task Passes_are_idempotent_and_two_at_once_leave_the_same_rows_as_one()
    {
        await SeedAsync();
        var first = new HourlyRollups(database, time);
        var second = new HourlyRollups(database, time);

        var passes = await Task.WhenAll(first.RunPassAsync(Ct), second.RunPassAsync(Ct));

        Assert.Contains(passes, p => p.Ran);
        var rows = await RollupRowsAsync();
        Assert.NotEmpty(rows);

        // Again, with both, and once more after the state is gone (a full rebuild): the same rows every time.
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(first.RunPassAsync(Ct), second.RunPassAsync(Ct), first.RunPassAsync(Ct));
        Assert.Equal(rows, await RollupRowsAsync());
        await using (var db = database.CreateDbContext())
        {
            await db.Set<RollupState>().ExecuteDeleteAsync(Ct);
        }

        var again = await first.RunPassAsync(Ct);
        Assert.True(again.Ran);
        Assert.Equal(rows, await RollupRowsAsync());
        await AssertSameAsCallByCallAsync();
    }

    [Fact]
    public async Task A_pass_does_nothing_while_another_instance_holds_the_lease()
    {
        await SeedAsync();
        await using (var db = database.CreateDbContext())
        {
            db.Add(new RollupState { LeaseOwner = Guid.NewGuid(), LeaseUntil = Now.AddMinutes(3) });
            await db.SaveChangesAsync(Ct);
        }

        var rollups = new HourlyRollups(database, time);
        Assert.False((await rollups.RunPassAsync(Ct)).Ran);
        Assert.Empty(await RollupRowsAsync());

        // The other instance died: its lease runs out and this one takes over.
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);
        Assert.NotEmpty(await RollupRowsAsync());
    }

    private static bool Between(Call call, int daysAgoFrom, int daysAgoTo) =>
        !call.RateLimited && call.CreatedAt < Now.AddDays(-daysAgoFrom) && call.CreatedAt > Now.AddDays(-daysAgoTo);

    private async Task<List<string>> RollupRowsAsync()
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Set<CallHourRollup>().AsNoTracking().ToListAsync(Ct);
        return rows.OrderBy(r => r.HourStart).ThenBy(r => r.Language, StringComparer.Ordinal)
            .Select(r => System.Text.Json.JsonSerializer.Serialize(r)).ToList();
    }

    /// <summary>Reads every figure through the rollups, removes the rollup state, reads them call by call, and compares.</summary>
    private async Task AssertSameAsCallByCallAsync()
    {
        var withRollups = await FiguresAsync();
        await using (var db = database.CreateDbContext())
        {
            await db.Set<RollupState>().ExecuteDeleteAsync(Ct);
        }

        AssertSame(await FiguresAsync(), withRollups);
    }

    private static void AssertSame(Figures expected, Figures actual)
    {
        Assert.Equivalent(expected.Overview, actual.Overview, strict: true);
        Assert.Equal(expected.Month, actual.Month);
        Assert.Equal(expected.Consent30.Totals, actual.Consent30.Totals);
        Assert.Equal(expected.Consent30.ByDayAndLanguage, actual.Consent30.ByDayAndLanguage);
        Assert.Equal(expected.Consent90.Totals, actual.Consent90.Totals);
        Assert.Equal(expected.Consent90.ByDayAndLanguage, actual.Consent90.ByDayAndLanguage);
        Assert.Equal(expected.HalfHourZone.ByDayAndLanguage, actual.HalfHourZone.ByDayAndLanguage);
        Assert.Equal(expected.Volume, actual.Volume);
    }

    private async Task<Figures> FiguresAsync()
    {
        var now = time.GetUtcNow();
        return new Figures(
            await queries.GetOverviewPageAsync(Toronto, cancellationToken: Ct),
            await queries.GetCallSuccessAsync(now.AddDays(-30), now, cancellationToken: Ct),
            await queries.GetConsentAsync(now.AddDays(-30), now, Toronto, Ct),
            await queries.GetConsentAsync(now.AddDays(-90), now, Toronto, Ct),
            await queries.GetConsentAsync(now.AddDays(-10), now, StJohns, Ct),
            await queries.GetHourlyVolumeAsync(cancellationToken: Ct));
    }

    /// <summary>About 1,500 calls over 95 days, every outcome, both languages, consent decisions and recordings; some in the current hour.</summary>
    private async Task<List<Call>> SeedAsync()
    {
        var random = new Random(42);
        var calls = new List<Call>();
        var rows = new List<object>();
        for (var i = 0; i < 1_500; i++)
        {
            var createdAt = i < 40 ? Now.AddMinutes(-random.Next(0, 36)) : Now.AddSeconds(-random.Next(60, 95 * 24 * 3600));
            var builder = CallBuilder.At(createdAt).Language(random.NextDouble() < 0.3 ? "fr" : "en");
            var consent = random.NextDouble() switch { < 0.75 => ConsentState.Granted, < 0.85 => ConsentState.Withdrawn, _ => ConsentState.Unknown };
            builder.Consent(consent);
            switch (random.Next(9))
            {
                case 0: builder.Blocked(); break;
                case 1: builder.Ended(random.Next(1, 30)); break;
                case 2: builder.Voicemail(); break;
                case 3: builder.Transfer(random.Next(5, 30)).Answered(random.Next(1, 25), random.Next(10, 500)); break;
                case 4: builder.Transfer(random.Next(5, 30)).DialResult("no-answer").Voicemail(80); break;
                case 5: builder.Transfer(random.Next(5, 30)).Ended(random.Next(31, 60)); break;
                case 6: builder.Transfer(random.Next(5, 30)); break;
                case 7: builder.InProgress(); break;
                default: builder.Transfer(20).Answered(random.Next(1, 20), random.Next(10, 100)); break;
            }

            var call = builder.Build();
            calls.Add(call);
            rows.Add(call);
            if (consent != ConsentState.Unknown || random.NextDouble() < 0.3)
            {
                rows.Add(MetricsSeed.Consent(call.CallSid, ConsentDecision.Granted, call.CreatedAt.AddSeconds(5), call.Language));
            }

            if (consent == ConsentState.Withdrawn)
            {
                rows.Add(MetricsSeed.Consent(call.CallSid, ConsentDecision.Withdrawn, call.CreatedAt.AddSeconds(8), call.Language));
            }

            if (random.NextDouble() < 0.2)
            {
                rows.Add(MetricsSeed.CallRecording(call.CallSid, call.CreatedAt.AddSeconds(50)));
            }
        }

        await MetricsSeed.AddAsync(database, [.. rows]);
        return calls;
    }

    private sealed record Figures(
        OverviewPage Overview,
        CallSuccessMetrics Month,
        ConsentMetrics Consent30,
        ConsentMetrics Consent90,
        ConsentMetrics HalfHourZone,
        IReadOnlyList<HourVolume> Volume);
}

public sealed class SqliteHourlyRollupTests(SqliteDatabase database) : HourlyRollupTests<SqliteDatabase>(database);

public sealed class PostgresHourlyRollupTests(PostgresDatabase database) : HourlyRollupTests<PostgresDatabase>(database);
