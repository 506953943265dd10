using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;

namespace Telephony.Data.Metrics;

internal static class ActiveCallsQuery
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(4);

    public static async Task<ActiveCalls> RunAsync(TelephonyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only the status is filtered in SQL, so the (Status, UpdatedAt) index is the one plan whatever the statistics
        // say (with ANALYZE data SQLite otherwise walks the (ParentCallSid, CreatedAt) index over every call). Live calls
        // are few, so legs are dropped, ordered and split here.
        var rows = await db.Calls.AsNoTracking()
            .Where(c => c.Status == CallStatus.Ringing || c.Status == CallStatus.InProgress)
            .Select(c => new
            {
                c.ParentCallSid,
                Call = new ActiveCall(c.CallSid, c.From, c.Status, c.Route, c.Language, c.ConsentState, c.CreatedAt, c.UpdatedAt),
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var calls = rows.Where(r => r.ParentCallSid is null).Select(r => r.Call).ToList();

        var staleBefore = now - StaleAfter;
        var ordered = calls.OrderBy(c => c.StartedAt).ThenBy(c => c.CallSid, StringComparer.Ordinal).ToList();
        return new ActiveCalls(
            ordered.Where(c => c.UpdatedAt >= staleBefore).ToList(),
            ordered.Where(c => c.UpdatedAt < staleBefore).ToList());
    }
}
