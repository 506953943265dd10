using Microsoft.EntityFrameworkCore;
using Telephony.Core.Reports;
using Telephony.Core.Voicemail;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.Voicemail;

namespace Telephony.Data.Metrics.Reports;

/// <summary>
/// The Reports page's figures for a range of days in the hotline's zone, per hour or per day. Each bucket is a window
/// of <see cref="WindowFold"/>, as the Overview's are: its whole hours before the rollups' watermark from
/// <see cref="CallHourRollup"/> rows, the rest (part hours, hours not folded yet) from the calls, all buckets in one
/// read of the rollups and one stream of the calls. Voicemails are few: they are read one by one for the callback SLA.
/// The thresholds are <paramref name="metricsOptions"/> (the app's configured ones) unless a call passes its own.
/// </summary>
public sealed class ReportQuery(
    IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider, CallMetricsOptions? metricsOptions = null)
{
    public async Task<Report> RunAsync(
        ReportRange range, TimeZoneInfo zone, CallbackSla sla, CallMetricsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(sla);
        var effective = options ?? metricsOptions ?? CallMetricsOptions.Default;
        var now = timeProvider.GetUtcNow();
        var bounds = range.Buckets(zone);
        var from = bounds[0].From;
        var to = bounds[^1].To;

        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var folded = await WindowFold.FoldedThroughAsync(db, effective, cancellationToken).ConfigureAwait(false);

            var total = new CallSuccessAccumulator(effective);
            var buckets = bounds.Select(b => new Bucket(b.From, b.To, effective)).ToList();
            var sinks = buckets.Select(b => new WindowSink(new MetricsWindow(b.From, b.To, folded))
            {
                OnCall = (call, outcome) =>
                {
                    b.Calls.Add(call, outcome);
                    total.Add(call, outcome);
                },
                OnRollup = rollup =>
                {
                    b.Calls.Add(rollup);
                    total.Add(rollup);
                },
                Consent = b.Consent,
            }).ToList();
            await WindowFold.RunAsync(db, sinks, effective, cancellationToken).ConfigureAwait(false);

            await foreach (var voicemail in db.Voicemails.AsNoTracking()
                .Where(v => v.CreatedAt >= from && v.CreatedAt < to)
                .Select(v => new { v.CreatedAt, v.CalledBackAt, v.State })
                .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var bucket = buckets.Find(b => voicemail.CreatedAt >= b.From && voicemail.CreatedAt < b.To);
                bucket?.AddVoicemail(voicemail.CreatedAt, voicemail.CalledBackAt, voicemail.State, sla, now);
            }

            var figures = buckets.Select(b => b.Build()).ToList();
            var consent = figures.Aggregate(new ConsentCounts(0, 0, 0, 0), (sum, f) => new ConsentCounts(
                sum.HeardDisclosure + f.Consent.HeardDisclosure,
                sum.ConsentStood + f.Consent.ConsentStood,
                sum.Withdrawn + f.Consent.Withdrawn,
                sum.RecordingsWithoutConsent + f.Consent.RecordingsWithoutConsent));
            var callbacks = figures.Aggregate(CallbackSlaCounts.None, (sum, f) => sum.Plus(f.Callbacks));
            return new Report(range, figures, new ReportFigures(from, to, total.Build(from, to), consent, callbacks));
        }
    }

    private sealed class Bucket(DateTimeOffset from, DateTimeOffset to, CallMetricsOptions options)
    {
        private int received;
        private int met;
        private int missed;
        private int pending;

        public DateTimeOffset From => from;

        public DateTimeOffset To => to;

        public CallSuccessAccumulator Calls { get; } = new(options);

        // The zone only cuts a tally's breakdown by day; a bucket reads its totals, so UTC does.
        public ConsentTally Consent { get; } = new(TimeZoneInfo.Utc);

        public void AddVoicemail(DateTimeOffset receivedAt, DateTimeOffset? calledBackAt, VoicemailState state, CallbackSla sla, DateTimeOffset now)
        {
            received++;
            if (calledBackAt is null && state == VoicemailState.Archived)
            {
                return;
            }

            switch (sla.Badge(receivedAt, now, calledBackAt))
            {
                case SlaBadge.Met: met++; break;
                case SlaBadge.Missed or SlaBadge.Overdue: missed++; break;
                default: pending++; break;
            }
        }

        public ReportFigures Build() => new(from, to, Calls.Build(from, to), Consent.Totals(), new CallbackSlaCounts(received, met, missed, pending));
    }
}
