using Microsoft.EntityFrameworkCore;
using Telephony.Data.Calls;

namespace Telephony.Data.Metrics;

internal static class ActiveCallsQuery
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(4);

    public static async Task<ActiveCalls> RunAsync(TelephonyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Served by the (Status, UpdatedAt) index; the set is small (calls live right now), so the split is done here.
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null && (c.Status == CallStatus.Ringing || c.Status == CallStatus.InProgress))
            .OrderBy(c => c.CreatedAt)
            .Select(c => new ActiveCall(c.CallSid, c.From, c.Status, c.Route, c.Language, c.ConsentState, c.CreatedAt, c.UpdatedAt))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var staleBefore = now - StaleAfter;
        return new ActiveCalls(
            calls.Where(c => c.UpdatedAt >= staleBefore).ToList(),
            calls.Where(c => c.UpdatedAt < staleBefore).ToList());
    }
}
