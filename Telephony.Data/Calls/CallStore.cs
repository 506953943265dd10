using Microsoft.EntityFrameworkCore;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Calls;

/// <summary>
/// Writes calls and their timelines. Every operation is idempotent and safe against concurrent callbacks for the
/// same call: lost races (duplicate insert, stale <see cref="Call.Version"/>) are retried on fresh data.
/// </summary>
public sealed class CallStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    private const int MaxAttempts = 5;

    public async Task<Call?> FindAsync(string callSid, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.CallSid == callSid, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the call row when the front door is reached; returns false when it already exists (Twilio retried).</summary>
    public async Task<bool> RecordFrontDoorAsync(NewCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var now = call.At ?? timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.Calls.AnyAsync(c => c.CallSid == call.CallSid, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            AddFrontDoorRows(db, call, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                return false;
            }
        }
    }

    /// <summary>The rows a front door writes: the call, its "created" event and the events the flow decided.</summary>
    internal static void AddFrontDoorRows(TelephonyDbContext db, NewCall call, DateTimeOffset now)
    {
        db.Calls.Add(new Call
        {
            CallSid = call.CallSid,
            ParentCallSid = call.ParentCallSid,
            AccountSid = call.AccountSid,
            Direction = call.Direction,
            From = call.From,
            To = call.To,
            Status = call.Status,
            Language = call.Language,
            RateLimited = call.RateLimited,
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.CallEvents.Add(CallRules.Event(call.CallSid, CallEventKinds.Created, CallEventKinds.CreatedDetail(call.RateLimited), now));
        foreach (var (kind, detail) in call.Events)
        {
            db.CallEvents.Add(CallRules.Event(call.CallSid, kind, detail, now));
        }
    }

    /// <summary>
    /// Applies a status callback (<see cref="CallRules.ApplyStatus"/>): a call never moves backwards, repeats are no-ops,
    /// an unknown leg is created and a dialled leg stamps its parent's transfer times.
    /// </summary>
    public async Task<StatusApplyOutcome> ApplyStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken) =>
        (await ApplyAsync(CallWork.Status(update), cancellationToken).ConfigureAwait(false)).Status!.Value;

    /// <summary>
    /// Applies several changes to one call and their events with one read and one save (what one webhook decided;
    /// <see cref="CallRules.ApplyChanges"/>). Returns false when the call does not exist.
    /// </summary>
    public async Task<bool> ApplyAsync(string callSid, IReadOnlyList<CallChange> changes, CancellationToken cancellationToken) =>
        (await ApplyAsync(CallWork.Changes(callSid, changes), cancellationToken).ConfigureAwait(false)).CallFound;

    /// <summary>Appends an event to a call's timeline without changing the call.</summary>
    public Task AddEventAsync(string callSid, string kind, string detail, CancellationToken cancellationToken) =>
        ApplyAsync(callSid, [new CallChange(kind, detail)], cancellationToken);

    /// <summary>
    /// Runs one unit of call work alone: loads its rows, decides, saves. A lost race (another writer changed the call
    /// since it was read, or created the leg first) is retried on fresh rows.
    /// </summary>
    public async Task<CallWorkResult> ApplyAsync(CallWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                try
                {
                    await EfCallRows.LoadAsync(db, [work], cancellationToken).ConfigureAwait(false);
                    var result = work.Decide(new EfCallRows(db), timeProvider.GetUtcNow());
                    if (db.ChangeTracker.HasChanges())
                    {
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return result;
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    // Another writer committed first: re-read and decide again.
                }
                catch (DbUpdateException e) when (attempt < MaxAttempts && DbErrors.IsUniqueViolation(e))
                {
                    // Another callback created the leg first: it exists now, so the next attempt updates it.
                }
            }
        }
    }
}
