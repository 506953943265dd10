using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Paging;

namespace Telephony.Data.Calls;

/// <summary>
/// Calls for the read API: newest first, keyset-paged on (<see cref="Call.CreatedAt"/>, <see cref="Call.CallSid"/>), which the
/// <c>IX_Calls_CreatedAt_CallSid</c> index serves in order on both providers; and one call with its timeline.
/// </summary>
public sealed class CallQuery(IDbContextFactory<TelephonyDbContext> contextFactory)
{
    private static readonly Expression<Func<Call, CallSummary>> Summary = c => new CallSummary(
        c.CallSid, c.ParentCallSid, c.Direction, c.From, c.To, c.Status, c.Route, c.ConsentState, c.Language,
        c.CreatedAt, c.AnsweredAt, c.EndedAt, c.DurationSeconds, c.DialCallStatus, c.ReachedVoicemail, c.RateLimited);

    public async Task<KeysetPage<CallSummary>> ListAsync(CallListFilter filter, KeysetCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var query = Filtered(db.Calls.AsNoTracking(), filter);

            if (after is { } cursor)
            {
                // Strictly after the cursor in (CreatedAt desc, CallSid desc). The first conjunct alone is an index range, so
                // neither provider has to evaluate the OR over rows it could have skipped.
                var at = cursor.At;
                var key = cursor.Key;
#pragma warning disable CA1309 // Translated to SQL "<": the database orders the index and compares the key under one collation.
                query = query.Where(c => c.CreatedAt <= at && (c.CreatedAt < at || string.Compare(c.CallSid, key) < 0));
#pragma warning restore CA1309
            }

            var rows = await query
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.CallSid)
                .Take(limit + 1)
                .Select(Summary)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return KeysetPaging.Cut(rows, limit, c => new KeysetCursor(c.CreatedAt, c.CallSid));
        }
    }

    /// <summary>Every call matching <paramref name="filter"/>, newest first, read as the caller consumes them (for the CSV export).</summary>
    public async IAsyncEnumerable<CallSummary> StreamAsync(CallListFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = Filtered(db.Calls.AsNoTracking(), filter)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.CallSid)
                .Select(Summary)
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }

    /// <summary>The call, its timeline in order and the sids of its dialled legs; null when there is no such call.</summary>
    public async Task<CallTimeline?> FindAsync(string callSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callSid);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var call = await db.Calls.AsNoTracking().Where(c => c.CallSid == callSid).Select(Summary)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (call is null)
            {
                return null;
            }

            var events = await db.CallEvents.AsNoTracking()
                .Where(e => e.CallSid == callSid)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Select(e => new CallTimelineEvent(e.Kind, e.Detail, e.OccurredAt))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var legs = await db.Calls.AsNoTracking()
                .Where(c => c.ParentCallSid == callSid)
                .OrderBy(c => c.CreatedAt)
                .Select(c => c.CallSid)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new CallTimeline(call, events, legs);
        }
    }

    private static IQueryable<Call> Filtered(IQueryable<Call> query, CallListFilter filter)
    {
        if (filter.Since is { } since)
        {
            query = query.Where(c => c.CreatedAt >= since);
        }

        if (filter.Until is { } until)
        {
            query = query.Where(c => c.CreatedAt < until);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Route is { } route)
        {
            query = query.Where(c => c.Route == route);
        }

        return query;
    }
}
