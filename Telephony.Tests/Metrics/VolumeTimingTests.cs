using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Telephony.Data;
using Telephony.Data.Metrics;
using Telephony.Data.Seeding;
using Telephony.Tests.Data;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>
/// Timings at production-like volume; explicit (minutes of seeding), run with
/// <c>dotnet test --filter "FullyQualifiedName~VolumeTiming" -- xUnit.Explicit=only</c>. Prints, asserts nothing but sanity.
/// </summary>
public abstract class VolumeTimingTests<TDatabase>(TDatabase database, ITestOutputHelper output) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const int Calls = 1_000_000;
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Explicit = true)]
    public async Task A_million_calls_over_30_days_seed_and_query_in_measured_time()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var time = new FakeTimeProvider(Now);
        var seeded = await new VolumeSeeder(new DatabaseSettings(database.Provider, database.ConnectionString), instance.Feed, time)
            .SeedCallsAsync(Calls, TimeSpan.FromDays(30), seed: 1, Ct);
        Report($"seed {seeded.Calls:N0} calls", seeded.Elapsed);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // What autovacuum does shortly after a bulk load (statistics, visibility map for index-only scans), done
            // now so the timings do not depend on when it happens to run.
            await using var db = database.CreateDbContext();
            var vacuum = Stopwatch.StartNew();
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Calls\"", Ct);
            Report("vacuum analyze", vacuum.Elapsed);
        }

        var queries = new MonitoringQueries(database, time);
        await TimeAsync("overview (24 h)", () => queries.GetOverviewAsync(cancellationToken: Ct));
        await TimeAsync("overview (24 h), warm", () => queries.GetOverviewAsync(cancellationToken: Ct));
        await TimeAsync("active calls", () => queries.GetActiveCallsAsync(Ct));
        await TimeAsync("hourly volume", () => queries.GetHourlyVolumeAsync(cancellationToken: Ct));
        await TimeAsync("call success, 24 h", () => queries.GetCallSuccessAsync(Now.AddDays(-1), Now, cancellationToken: Ct));
        await TimeAsync("call success, 7 days", () => queries.GetCallSuccessAsync(Now.AddDays(-7), Now, cancellationToken: Ct));
        var month = await TimeAsync("call success, 30 days", () => queries.GetCallSuccessAsync(Now.AddDays(-30), Now.AddTicks(1), cancellationToken: Ct));
        await TimeAsync("consent, 24 h", () => queries.GetConsentAsync(Now.AddDays(-1), Now, cancellationToken: Ct));
        await TimeAsync("consent, 7 days", () => queries.GetConsentAsync(Now.AddDays(-7), Now, cancellationToken: Ct));

        Assert.Equal(Calls, month.Offered + month.Blocked);

        // What the Overview page does on each load (Overview.razor.cs LoadAsync), median of 20 warm runs each: the
        // three queries it made before (snapshot, today, consent 24 h) and the one read it makes now.
        var midnight = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero);
        await MedianAsync("overview page as 3 queries", async () =>
        {
            await queries.GetOverviewAsync(cancellationToken: Ct);
            await queries.GetCallSuccessAsync(midnight, Now, cancellationToken: Ct);
            await queries.GetConsentAsync(Now.AddHours(-24), Now, TimeZoneInfo.Utc, Ct);
        });
        await MedianAsync("overview page (GetOverviewPageAsync)", () => queries.GetOverviewPageAsync(TimeZoneInfo.Utc, cancellationToken: Ct));
    }

    private async Task MedianAsync(string what, Func<Task> run)
    {
        for (var i = 0; i < 3; i++)
        {
            await run();
        }

        var runs = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await run();
            runs.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        runs.Sort();
        Line(string.Create(CultureInfo.InvariantCulture,
            $"{database.Provider} {what}, median of 20 warm runs: {(runs[9] + runs[10]) / 2:F1} ms (min {runs[0]:F1}, max {runs[^1]:F1})"));
    }

    private async Task<T> TimeAsync<T>(string what, Func<Task<T>> query)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await query();
        Report(what, stopwatch.Elapsed);
        return result;
    }

    private void Report(string what, TimeSpan elapsed) =>
        Line(string.Create(CultureInfo.InvariantCulture, $"{database.Provider} {what}: {elapsed.TotalMilliseconds:F0} ms"));

    private void Line(string line) => output.WriteLine(line);
}

public sealed class SqliteVolumeTimingTests(SqliteDatabase database, ITestOutputHelper output) : VolumeTimingTests<SqliteDatabase>(database, output);

public sealed class PostgresVolumeTimingTests(PostgresDatabase database, ITestOutputHelper output) : VolumeTimingTests<PostgresDatabase>(database, output);
