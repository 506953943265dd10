using Microsoft.EntityFrameworkCore;
using Telephony.Core.Consent;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics;

/// <summary>
/// The Overview page in one read of the calls: the snapshot's 24 clock hours, "today" since local midnight and
/// consent over the last 24 hours all come from one stream of the parent calls covering the union of the windows,
/// each call classified once. Same answers as <see cref="OverviewQuery"/>, <see cref="CallFactsQuery"/> and
/// <see cref="ConsentMetricsQuery"/> run separately.
/// </summary>
internal static class OverviewPageQuery
{
    public static async Task<OverviewPage> RunAsync(
        TelephonyDbContext db, DateTimeOffset now, TimeZoneInfo zone, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var active = await ActiveCallsQuery.RunAsync(db, now, cancellationToken).ConfigureAwait(false);

        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        // In UTC: Npgsql only writes DateTimeOffset parameters with offset 0.
        var midnight = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date)).ToUniversalTime();
        var consentFrom = now.AddHours(-24);

        var volume = new HourlyVolumeAccumulator(now);
        var window = new CallSuccessAccumulator(options);
        var today = new CallSuccessAccumulator(options);
        var consent = new ConsentTally(zone);
        var from = Min(volume.From, Min(midnight, consentFrom));
        var to = volume.To > now ? volume.To : now;
        await foreach (var row in db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null && c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new
            {
                Facts = new CallFacts(
                    c.CreatedAt,
                    c.EndedAt,
                    c.TransferStartedAt,
                    c.TransferAnsweredAt,
                    c.DialCallStatus,
                    c.DialCallDuration,
                    c.ReachedVoicemail,
                    c.RateLimited),
                c.Language,
                c.ConsentState,
            })
            .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var call = row.Facts;
            var outcome = CallOutcomeClassifier.Classify(call, options);
            if (call.CreatedAt >= volume.From && call.CreatedAt < volume.To)
            {
                volume.Add(call, outcome);
                window.Add(call, outcome);
            }

            if (call.CreatedAt >= midnight && call.CreatedAt < now)
            {
                today.Add(call, outcome);
            }

            if (!call.RateLimited && call.CreatedAt >= consentFrom && call.CreatedAt < now)
            {
                consent.AddCall(call.CreatedAt, row.Language, row.ConsentState);
            }
        }

        await ConsentMetricsQuery.AddLedgerAsync(db, consent, consentFrom, now, cancellationToken).ConfigureAwait(false);
        var snapshot = await OverviewQuery.FinishAsync(db, now, active, volume, window, cancellationToken).ConfigureAwait(false);
        return new OverviewPage(snapshot, midnight, today.Build(midnight, now), consent.Totals());
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
