using Microsoft.EntityFrameworkCore;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Metrics.Rollups;

namespace Telephony.Data.Metrics;

internal static class ConsentMetricsQuery
{
    public static async Task<ConsentMetrics> RunAsync(
        TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        // Days are cut in .NET because SQLite stores times as ticks and has no time-zone functions. Whole hours come from
        // their rollups (the thresholds do not matter to consent: the app's own say which rollup rows are complete).
        var folded = await WindowFold.FoldedThroughAsync(db, options, cancellationToken).ConfigureAwait(false);
        var tally = new ConsentTally(zone);
        WindowSink[] sinks = [new(new MetricsWindow(from, to, folded, zone)) { Consent = tally }];
        await WindowFold.RunAsync(db, sinks, options, cancellationToken).ConfigureAwait(false);
        return new ConsentMetrics(from, to, tally.Totals(), tally.Breakdown());
    }

    /// <summary>
    /// Adds the caller decisions and the recordings without consent of the offered calls created in <c>[from, to)</c>:
    /// two joins returning only matching rows, rather than correlated sub-queries evaluated for every call.
    /// </summary>
    /// <remarks>
    /// A recording here is a recorded transfer: a voicemail is the caller's own message, left knowingly after a prompt
    /// that says it is recorded, so it needs no call-recording consent and is not counted.
    /// </remarks>
    public static async Task AddLedgerAsync(
        TelephonyDbContext db, IConsentLedgerSink tally, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var decisions = await OfferedCalls(db, from, to)
            .Join(
                db.ConsentRecords.Where(r => r.Decision != ConsentDecision.NotRecorded),
                c => c.CallSid,
                r => r.CallSid,
                (c, r) => new { c.CallSid, c.CreatedAt, c.Language, c.ConsentState, r.Decision })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var d in decisions)
        {
            tally.AddDecision(d.CallSid, d.CreatedAt, d.Language, d.ConsentState, d.Decision);
        }

        var recordings = await OfferedCalls(db, from, to)
            .Where(c => c.ConsentState != ConsentState.Granted)
            .Join(
                db.CallEvents.Where(e => e.Kind == CallEventKinds.CallRecording),
                c => c.CallSid,
                e => e.CallSid,
                (c, e) => new { c.CreatedAt, c.Language })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var r in recordings)
        {
            tally.AddRecording(r.CreatedAt, r.Language);
        }
    }

    private static IQueryable<Call> OfferedCalls(TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to) =>
        db.Calls.AsNoTracking().Where(c => c.ParentCallSid == null && !c.RateLimited && c.CreatedAt >= from && c.CreatedAt < to);
}
