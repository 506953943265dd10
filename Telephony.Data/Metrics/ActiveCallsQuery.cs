using Microsoft.EntityFrameworkCore;
using Telephony.Data.Calls;

namespace Telephony.Data.Metrics;

internal static class ActiveCallsQuery
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(4);

    public static async Task<ActiveCalls> RunAsync(TelephonyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Served by the (Status, UpdatedAt) index. The set is small (calls live right now), so it is ordered and split
        // here: an ORDER BY CreatedAt lets SQLite walk the (ParentCallSid, CreatedAt) index over every call instead.
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null && (c.Status == CallStatus.Ringing || c.Status == CallStatus.InProgress))
            .Select(c => new ActiveCall(c.CallSid, c.From, c.Status, c.Route, c.Language, c.ConsentState, c.CreatedAt, c.UpdatedAt))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var staleBefore = now - StaleAfter;
        var ordered = calls.OrderBy(c => c.StartedAt).ThenBy(c => c.CallSid, StringComparer.Ordinal).ToList();
        return new ActiveCalls(
            ordered.Where(c => c.UpdatedAt >= staleBefore).ToList(),
            ordered.Where(c => c.UpdatedAt < staleBefore).ToList());
    }
}
