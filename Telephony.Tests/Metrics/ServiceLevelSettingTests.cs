using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telephony.Core.Reports;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Reports;
using Telephony.Data.Metrics.Rollups;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Components;
using Telephony.Web.Components.Common;
using Telephony.Web.Reports;

namespace Telephony.Tests.Metrics;

/// <summary><c>Metrics:ServiceLevelSeconds</c> at start: a value outside 1 to 19 seconds, or not a number, stops the app naming the key.</summary>
public sealed class ServiceLevelSettingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("20")]
    [InlineData("-15")]
    public async Task A_threshold_outside_1_to_19_seconds_stops_the_app_with_a_message_naming_the_key(string value)
    {
        await using var app = new TelephonyAppFactory();
        app.Settings["Metrics:ServiceLevelSeconds"] = value;

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Metrics:ServiceLevelSeconds must be a whole number of seconds from 1 to 19 (below the 20 s ring limit).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fifteen")]
    [InlineData("12.5")]
    public async Task A_threshold_that_is_not_a_whole_number_stops_the_app_with_a_message_naming_the_key(string value)
    {
        await using var app = new TelephonyAppFactory();
        app.Settings["Metrics:ServiceLevelSeconds"] = value;

        var error = Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("'Metrics:ServiceLevelSeconds'", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// The app on each provider, configured with a threshold or not: the one <see cref="CallMetricsOptions"/> it registers is
/// what the console's queries, the reports and the rollup worker count with.
/// </summary>
public abstract class ServiceLevelAppTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await MetricsSeed.ResetAsync(database);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData(null, 15, 1.0)]
    [InlineData("8", 8, 0.0)]
    public async Task The_configured_threshold_is_what_the_console_the_reports_and_the_rollups_count_with(string? setting, int seconds, double serviceLevel)
    {
        var now = DateTimeOffset.UtcNow;
        var at = now.AddHours(-2);
        await MetricsSeed.AddAsync(database, CallBuilder.At(at).Transfer(20).Answered(ringSeconds: 10, talkSeconds: 60).Build());
        await using var app = new TelephonyAppFactory(database.Provider, database.ConnectionString);
        if (setting is not null)
        {
            app.Settings["Metrics:ServiceLevelSeconds"] = setting;
        }

        using var client = app.CreateClient(); // the host starts, and with it the rollup worker
        var services = app.Services;
        Assert.Equal(TimeSpan.FromSeconds(seconds), services.GetRequiredService<CallMetricsOptions>().ServiceLevelThreshold);

        // The call's hour counted by this instance (waiting for the worker's own pass if it holds the lease).
        Assert.True((await services.GetRequiredService<HourlyRollups>().RefoldAsync(at.AddHours(-1), now, Ct)).Ran);
        await using (var db = database.CreateDbContext())
        {
            var state = await db.Set<RollupState>().AsNoTracking().SingleAsync(Ct);
            Assert.Equal(TimeSpan.FromSeconds(seconds).Ticks, state.ServiceLevelThresholdTicks);
            Assert.True(state.FoldedThrough > at, "the call's hour is rolled up");
        }

        var queries = services.GetRequiredService<MonitoringQueries>();
        var clock = services.GetRequiredService<ConsoleClock>();
        var today = DateOnly.FromDateTime(clock.Local(now).DateTime);
        var report = await services.GetRequiredService<ReportQuery>().RunAsync(
            ReportRange.Custom(today.AddDays(-1), today)!,
            clock.Zone,
            ReportServices.CallbackSla(services.GetRequiredService<IOptions<ConsoleOptions>>(), clock),
            cancellationToken: Ct);
        var page = await queries.GetOverviewPageAsync(clock.Zone, cancellationToken: Ct);
        var day = await queries.GetCallSuccessAsync(now.AddDays(-1), now, cancellationToken: Ct);
        foreach (var figures in new[] { page.Snapshot.Calls, day, report.Total.Calls })
        {
            Assert.Equal(1, figures.TransfersAnswered);
            Assert.Equal(serviceLevel, figures.ServiceLevel);
        }
    }
}

public sealed class SqliteServiceLevelAppTests(SqliteDatabase database) : ServiceLevelAppTests<SqliteDatabase>(database);

public sealed class PostgresServiceLevelAppTests(PostgresDatabase database) : ServiceLevelAppTests<PostgresDatabase>(database);
