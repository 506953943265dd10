using Microsoft.EntityFrameworkCore;
using Telephony.Data.Metrics.Rollups;

namespace Telephony.Data.Metrics;

/// <summary>
/// The Overview page in one go: the snapshot's 24 clock hours, "today" since local midnight and consent over the last
/// 24 hours are three windows counted together (<see cref="WindowFold"/>): one read of the rollups, one stream of the
/// calls of the hours not rolled up, each call classified once. Same answers as <see cref="OverviewQuery"/>,
/// <see cref="MonitoringQueries.GetCallSuccessAsync"/> and <see cref="ConsentMetricsQuery"/> run separately.
/// </summary>
internal static class OverviewPageQuery
{
    public static async Task<OverviewPage> RunAsync(
        TelephonyDbContext db, DateTimeOffset now, TimeZoneInfo zone, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var active = await ActiveCallsQuery.RunAsync(db, now, cancellationToken).ConfigureAwait(false);
        var folded = await WindowFold.FoldedThroughAsync(db, options, cancellationToken).ConfigureAwait(false);

        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        // In UTC: Npgsql only writes DateTimeOffset parameters with offset 0.
        var midnight = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date)).ToUniversalTime();
        var consentFrom = now.AddHours(-24);

        var volume = new HourlyVolumeAccumulator(now);
        var window = new CallSuccessAccumulator(options);
        var today = new CallSuccessAccumulator(options);
        var consent = new ConsentTally(zone);
        WindowSink[] sinks =
        [
            new(new MetricsWindow(volume.From, volume.To, folded))
            {
                OnCall = (call, outcome) =>
                {
                    volume.Add(call, outcome);
                    window.Add(call, outcome);
                },
                OnRollup = rollup =>
                {
                    volume.Add(rollup);
                    window.Add(rollup);
                },
            },
            new(new MetricsWindow(midnight, now, folded)) { OnCall = (c, o) => today.Add(c, o), OnRollup = today.Add },
            new(new MetricsWindow(consentFrom, now, folded)) { Consent = consent },
        ];
        await WindowFold.RunAsync(db, sinks, options, cancellationToken).ConfigureAwait(false);

        var snapshot = await OverviewQuery.FinishAsync(db, now, active, volume, window, cancellationToken).ConfigureAwait(false);
        return new OverviewPage(snapshot, midnight, today.Build(midnight, now), consent.Totals());
    }
}
