using Microsoft.EntityFrameworkCore;
using Telephony.Data.Calls;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics;

internal static class ConsentMetricsQuery
{
    public static async Task<ConsentMetrics> RunAsync(
        TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        // One row per call with correlated EXISTS/COUNT sub-queries (ConsentRecords.CallSid and CallEvents.CallSid are
        // indexed); days are cut in .NET because SQLite stores times as ticks and has no time-zone functions.
        // A recording here is a recorded transfer: a voicemail is the caller's own message, left knowingly after a
        // prompt that says it is recorded, so it needs no call-recording consent and is not counted.
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null && !c.RateLimited && c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new
            {
                c.CreatedAt,
                c.Language,
                c.ConsentState,
                Heard = db.ConsentRecords.Any(r => r.CallSid == c.CallSid && r.Decision != ConsentDecision.NotRecorded),
                Withdrew = db.ConsentRecords.Any(r => r.CallSid == c.CallSid && r.Decision == ConsentDecision.Withdrawn),
                Recordings = db.CallEvents.Count(e => e.CallSid == c.CallSid && e.Kind == CallEventKinds.CallRecording),
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var facts = calls.Select(c => new ConsentFacts(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.CreatedAt, zone).DateTime),
            c.Language,
            c.Heard,
            c.Heard && c.ConsentState == ConsentState.Granted,
            c.Withdrew || c.ConsentState == ConsentState.Withdrawn,
            c.ConsentState == ConsentState.Granted ? 0 : c.Recordings)).ToList();

        var breakdown = facts
            .GroupBy(f => (f.Day, f.Language))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Language, StringComparer.Ordinal)
            .Select(g => new ConsentBreakdown(g.Key.Day, g.Key.Language, Sum(g)))
            .ToList();
        return new ConsentMetrics(from, to, Sum(facts), breakdown);
    }

    private static ConsentCounts Sum(IEnumerable<ConsentFacts> facts)
    {
        var list = facts as IReadOnlyCollection<ConsentFacts> ?? facts.ToList();
        return new ConsentCounts(
            list.Count(f => f.Heard),
            list.Count(f => f.Stood),
            list.Count(f => f.Withdrawn),
            list.Sum(f => f.RecordingsWithoutConsent));
    }

    private readonly record struct ConsentFacts(DateOnly Day, string Language, bool Heard, bool Stood, bool Withdrawn, int RecordingsWithoutConsent);
}
