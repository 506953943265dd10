using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Reports;
using Telephony.Core.Voicemail;
using Telephony.Data.Calls;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Reports;
using Telephony.Data.Metrics.Rollups;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>
/// The service-level threshold (<c>Metrics:ServiceLevelSeconds</c>) as the queries, the reports and the hourly rollups
/// are given it: figures follow it, and after a change the rollups are counted again where the calls are still there
/// and keep their counts where retention deleted the calls (<c>docs/adr/0016-service-level-threshold.md</c>).
/// </summary>
public abstract class ServiceLevelThresholdTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const int RetentionDays = 10;

    // Mid-hour, so every window has part hours at both ends.
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 37, 0, TimeSpan.Zero);

    // Calls before this hour are past retention.
    private static readonly DateTimeOffset Cutoff = new(2025, 5, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly CallbackSla Sla = new(BusinessHours.Default);
    private static readonly CallMetricsOptions Fifteen = CallMetricsOptions.Default;
    private static readonly CallMetricsOptions Eight = CallMetricsOptions.Default with { ServiceLevelThreshold = TimeSpan.FromSeconds(8) };

    private readonly TDatabase database;
    private readonly FakeTimeProvider time = new(Now);

    protected ServiceLevelThresholdTests(TDatabase database) => this.database = database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await MetricsSeed.ResetAsync(database);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_transfer_answered_10_s_after_the_ring_starts_is_within_service_level_at_15_s_but_not_at_8_s()
    {
        var at = Now.AddHours(-3);
        await MetricsSeed.AddAsync(database, CallBuilder.At(at).Transfer(20).Answered(ringSeconds: 10, talkSeconds: 60).Build());
        var day = ReportRange.Of(ReportPeriod.Day, DateOnly.FromDateTime(at.UtcDateTime));

        // Call by call, then through rollups counted with each threshold (the pass of an instance configured with it).
        foreach (var rollups in new[] { null, Fifteen, Eight })
        {
            if (rollups is not null)
            {
                var pass = await new HourlyRollups(database, time, rollups).RunPassAsync(Ct);
                Assert.True(pass.Ran);
            }

            foreach (var (options, within) in new[] { (Fifteen, 1), (Eight, 0) })
            {
                var queries = new MonitoringQueries(database, time, options);
                var window = await queries.GetCallSuccessAsync(Now.AddDays(-1), Now, cancellationToken: Ct);
                var overview = await queries.GetOverviewPageAsync(TimeZoneInfo.Utc, cancellationToken: Ct);
                var report = await new ReportQuery(database, time, options).RunAsync(day, TimeZoneInfo.Utc, Sla, cancellationToken: Ct);

                foreach (var figures in new[] { window, overview.Snapshot.Calls, overview.Today, report.Total.Calls })
                {
                    Assert.Equal((1, 1, within), (figures.TransfersAttempted, figures.TransfersAnswered, figures.AnsweredWithinThreshold));
                    Assert.Equal((double?)within, figures.ServiceLevel);
                    Assert.Equal(1.0, figures.AnswerRate);
                }
            }
        }
    }

    [Fact]
    public async Task After_a_threshold_change_hours_with_calls_are_recounted_and_expired_hours_keep_their_counts()
    {
        var calls = await SeedAsync();
        var fifteen = new HourlyRollups(database, time, Fifteen);
        Assert.True((await fifteen.RunPassAsync(Ct)).Ran);
        var expiry = await fifteen.ExpireCallsAsync(Now.AddDays(-RetentionDays), 50, TimeSpan.FromHours(1), Ct);
        Assert.Equal(Cutoff, expiry.DeletedBefore);
        Assert.Equal(calls.Count(c => c.CreatedAt < Cutoff), expiry.Calls);
        var expiredRows = await RollupRowsAsync(before: Cutoff);
        var oldAt15 = await new MonitoringQueries(database, time, Fifteen).GetCallSuccessAsync(Now.AddDays(-21), Cutoff, cancellationToken: Ct);
        Assert.True(oldAt15.TransfersAnswered > 50, "the expired range should have answered calls worth comparing");

        // The configuration now says 8 s; the worker has not run yet. Expired hours come from their rows (counted at
        // 15 s: there is nothing else), hours with calls from the calls, at 8 s.
        var before = await FiguresAsync(Eight);
        Assert.Equal(oldAt15, before.Old);
        var recentAt15 = await new MonitoringQueries(database, time, Fifteen).GetCallSuccessAsync(Cutoff, Now, cancellationToken: Ct);
        Assert.True(before.Recent.AnsweredWithinThreshold < recentAt15.AnsweredWithinThreshold, "8 s should count fewer calls in time than 15 s");
        Assert.Equal(recentAt15.TransfersAnswered, before.Recent.TransfersAnswered);

        // Retention waits for rows counted with the instance's thresholds: deleting now would lose calls not yet counted so.
        var rollupsAt8 = new HourlyRollups(database, time, Eight);
        Assert.Equal(0, (await rollupsAt8.ExpireCallsAsync(Now.AddDays(-5), 50, TimeSpan.FromHours(1), Ct)).Calls);

        var pass = await rollupsAt8.RunPassAsync(Ct);

        Assert.True(pass.Ran);
        Assert.Equal(Cutoff, pass.RecountedFrom);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), pass.FoldedThrough);
        Assert.Equal(RetentionDays * 24, pass.HoursFolded);
        Assert.Equal(expiredRows, await RollupRowsAsync(before: Cutoff));
        await using (var db = database.CreateDbContext())
        {
            var state = await db.Set<RollupState>().AsNoTracking().SingleAsync(Ct);
            Assert.Equal(TimeSpan.FromSeconds(8).Ticks, state.ServiceLevelThresholdTicks);
            Assert.Equal(Cutoff, state.DetailDeletedBefore);
        }

        // Read through the recounted rollups, every figure is what it was before the pass: the same as the calls at 8 s.
        AssertSame(before, await FiguresAsync(Eight));

        // An instance still configured with 15 s reads the rows counted at 8 s as other thresholds': it reads those hours'
        // calls, and its figures are still those at 15 s.
        Assert.Equal(recentAt15, await new MonitoringQueries(database, time, Fifteen).GetCallSuccessAsync(Cutoff, Now, cancellationToken: Ct));

        // Retention goes on once the rows are counted at 8 s; what it deletes stays counted.
        var later = await rollupsAt8.ExpireCallsAsync(Now.AddDays(-5), 50, TimeSpan.FromHours(1), Ct);
        Assert.Equal(calls.Count(c => c.CreatedAt >= Cutoff && c.CreatedAt < Cutoff.AddDays(5)), later.Calls);
        Assert.True(later.Calls > 0);
        AssertSame(before, await FiguresAsync(Eight));
    }

    private static void AssertSame(Figures expected, Figures actual)
    {
        Assert.Equal(expected.Old, actual.Old);
        Assert.Equal(expected.Recent, actual.Recent);
        Assert.Equal(expected.All, actual.All);
        Assert.Equivalent(expected.Overview, actual.Overview, strict: true);
        Assert.Equal(expected.Report.Buckets, actual.Report.Buckets);
        Assert.Equal(expected.Report.Total, actual.Report.Total);
    }

    private async Task<Figures> FiguresAsync(CallMetricsOptions options)
    {
        var queries = new MonitoringQueries(database, time, options);
        var month = ReportRange.Custom(DateOnly.FromDateTime(Now.AddDays(-21).UtcDateTime), DateOnly.FromDateTime(Now.UtcDateTime))!;
        return new Figures(
            await queries.GetCallSuccessAsync(Now.AddDays(-21), Cutoff, cancellationToken: Ct),
            await queries.GetCallSuccessAsync(Cutoff, Now, cancellationToken: Ct),
            await queries.GetCallSuccessAsync(Now.AddDays(-21), Now, cancellationToken: Ct),
            await queries.GetOverviewPageAsync(TimeZoneInfo.Utc, cancellationToken: Ct),
            await new ReportQuery(database, time, options).RunAsync(month, TimeZoneInfo.Utc, Sla, cancellationToken: Ct));
    }

    private async Task<List<string>> RollupRowsAsync(DateTimeOffset before)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Set<CallHourRollup>().AsNoTracking().Where(r => r.HourStart < before).ToListAsync(Ct);
        return rows.OrderBy(r => r.HourStart).ThenBy(r => r.Language, StringComparer.Ordinal)
            .Select(r => System.Text.Json.JsonSerializer.Serialize(r)).ToList();
    }

    /// <summary>About 800 calls over 20 days, answered after 1 to 19 s of ringing and every other outcome; some in the current hour.</summary>
    private async Task<List<Call>> SeedAsync()
    {
        var random = new Random(16);

        // One in the first hour kept, so the recount starts there.
        var calls = new List<Call> { CallBuilder.At(Cutoff.AddMinutes(10)).Transfer(10).Answered(12, 60).Build() };
        for (var i = 0; i < 800; i++)
        {
            var createdAt = i < 20 ? Now.AddMinutes(-random.Next(0, 36)) : Now.AddSeconds(-random.Next(60, 20 * 24 * 3600));
            var builder = CallBuilder.At(createdAt).Language(random.NextDouble() < 0.3 ? "fr" : "en");
            switch (random.Next(6))
            {
                case 0: builder.Ended(random.Next(1, 30)); break;
                case 1: builder.Transfer(random.Next(5, 30)).DialResult("no-answer").Voicemail(80); break;
                case 2: builder.Transfer(random.Next(5, 30)).Ended(random.Next(31, 60)); break;
                default: builder.Transfer(random.Next(5, 30)).Answered(random.Next(1, 20), random.Next(10, 300)); break;
            }

            calls.Add(builder.Build());
        }

        await MetricsSeed.AddAsync(database, [.. calls]);
        return calls;
    }

    private sealed record Figures(CallSuccessMetrics Old, CallSuccessMetrics Recent, CallSuccessMetrics All, OverviewPage Overview, Report Report);
}

public sealed class SqliteServiceLevelThresholdTests(SqliteDatabase database) : ServiceLevelThresholdTests<SqliteDatabase>(database);

public sealed class PostgresServiceLevelThresholdTests(PostgresDatabase database) : ServiceLevelThresholdTests<PostgresDatabase>(database);
