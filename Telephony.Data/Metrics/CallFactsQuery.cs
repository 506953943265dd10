using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Metrics;

/// <summary>Streams the outcome-deciding columns of the parent calls created in <c>[from, to)</c>.</summary>
internal static class CallFactsQuery
{
    // Streamed, not materialised: a month-long window at production volume stays at constant memory.
    public static IAsyncEnumerable<CallFacts> Stream(TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to) =>
        db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null && c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new CallFacts(
                c.CreatedAt,
                c.EndedAt,
                c.TransferStartedAt,
                c.TransferAnsweredAt,
                c.DialCallStatus,
                c.DialCallDuration,
                c.ReachedVoicemail,
                c.RateLimited))
            .AsAsyncEnumerable();
}
