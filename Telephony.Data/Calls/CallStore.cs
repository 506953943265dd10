using System.Globalization;
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
        db.CallEvents.Add(Event(call.CallSid, CallEventKinds.Created, CallEventKinds.CreatedDetail(call.RateLimited), now));
        foreach (var (kind, detail) in call.Events)
        {
            db.CallEvents.Add(Event(call.CallSid, kind, detail, now));
        }
    }

    /// <summary>
    /// Applies a status callback. A call never moves backwards: callbacks with a lower <c>SequenceNumber</c> than the
    /// last applied one, or an earlier status, are ignored; repeats are no-ops. Each change adds a <see cref="CallEvent"/>.
    /// A dialled leg also stamps the transfer times on its parent call.
    /// </summary>
    public async Task<StatusApplyOutcome> ApplyStatusAsync(CallStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        for (var attempt = 1; ; attempt++)
        {
            var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                try
                {
                    return await ApplyStatusOnceAsync(db, update, cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    // Another callback for this call committed first: re-read and decide again.
                }
                catch (DbUpdateException e) when (attempt < MaxAttempts && DbErrors.IsUniqueViolation(e))
                {
                    // Another callback created the leg first: it exists now, so the next attempt updates it.
                }
            }
        }
    }

    /// <summary>
    /// Applies several changes to one call and their events with one read and one save (what one webhook decided).
    /// Changes of a call that does not exist are skipped (nothing to change); events without a change are added
    /// regardless, as <see cref="AddEventAsync"/> does. Retried on concurrent writes, so the changes must be
    /// safe to run more than once. Returns false when the call does not exist.
    /// </summary>
    public async Task<bool> ApplyAsync(string callSid, IReadOnlyList<CallChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        for (var attempt = 1; ; attempt++)
        {
            var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var call = changes.Any(c => c.Change is not null)
                    ? await db.Calls.FirstOrDefaultAsync(c => c.CallSid == callSid, cancellationToken).ConfigureAwait(false)
                    : null;
                var now = timeProvider.GetUtcNow();
                foreach (var (kind, detail, change) in changes)
                {
                    if (change is not null)
                    {
                        if (call is null)
                        {
                            continue;
                        }

                        change(call, now);
                        call.UpdatedAt = now;
                    }

                    db.CallEvents.Add(Event(callSid, kind, detail, now));
                }

                if (db.ChangeTracker.HasChanges())
                {
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                    {
                        continue;
                    }
                }

                return call is not null;
            }
        }
    }

    /// <summary>Appends an event to a call's timeline without changing the call.</summary>
    public async Task AddEventAsync(string callSid, string kind, string detail, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.CallEvents.Add(Event(callSid, kind, detail, timeProvider.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StatusApplyOutcome> ApplyStatusOnceAsync(TelephonyDbContext db, CallStatusUpdate update, CancellationToken cancellationToken)
    {
        var outcome = await ApplyStatusInContextAsync(db, update, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Applies a status callback to the calls tracked by <paramref name="db"/> (loading what is not tracked yet) without
    /// saving, so several callbacks can share one save (<see cref="CallStatusWriter"/>).
    /// </summary>
    internal async Task<StatusApplyOutcome> ApplyStatusInContextAsync(TelephonyDbContext db, CallStatusUpdate update, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var at = (update.Timestamp ?? now).ToUniversalTime();
        var call = await db.Calls.FindAsync([update.CallSid], cancellationToken).ConfigureAwait(false);
        StatusApplyOutcome outcome;
        string detail;
        if (call is null)
        {
            call = new Call
            {
                CallSid = update.CallSid,
                ParentCallSid = update.ParentCallSid,
                AccountSid = update.AccountSid ?? "",
                Direction = update.Direction ?? (update.ParentCallSid is null ? "inbound" : "outbound-dial"),
                From = update.From ?? "",
                To = update.To ?? "",
                CreatedAt = at,
            };
            db.Calls.Add(call);
            outcome = StatusApplyOutcome.Created;
            detail = $"created as {CallStatusNames.ToTwilio(update.Status)}";
        }
        else
        {
            outcome = Decide(call, update);
            if (outcome != StatusApplyOutcome.Applied)
            {
                return outcome;
            }

            detail = $"{CallStatusNames.ToTwilio(call.Status)} -> {CallStatusNames.ToTwilio(update.Status)}";
        }

        call.Status = update.Status;
        call.ParentCallSid ??= update.ParentCallSid;
        if (update.SequenceNumber is int sequence)
        {
            call.LastSequenceNumber = Math.Max(sequence, call.LastSequenceNumber ?? sequence);
            detail += $" (seq {sequence.ToString(CultureInfo.InvariantCulture)})";
        }

        if (update.Status == CallStatus.InProgress)
        {
            call.AnsweredAt ??= at;
        }
        else if (CallStatusNames.IsTerminal(update.Status))
        {
            call.EndedAt ??= at;
            call.DurationSeconds = update.CallDuration
                ?? (call.AnsweredAt is { } answered ? (int)Math.Max(0, (call.EndedAt.Value - answered).TotalSeconds) : 0);
        }

        call.UpdatedAt = now;
        db.CallEvents.Add(Event(call.CallSid, "status", detail, now));

        if (call.ParentCallSid is { } parentSid)
        {
            await StampParentTransferAsync(db, parentSid, update.Status, at, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private static StatusApplyOutcome Decide(Call call, CallStatusUpdate update)
    {
        if (update.SequenceNumber is int sequence && call.LastSequenceNumber is int last)
        {
            if (sequence == last)
            {
                return StatusApplyOutcome.Duplicate;
            }

            if (sequence < last)
            {
                return StatusApplyOutcome.Stale;
            }
        }

        if (update.Status == call.Status)
        {
            return StatusApplyOutcome.Duplicate;
        }

        // Terminal statuses share the top rank, so a second, different terminal status is stale too.
        return CallStatusNames.Rank(update.Status) > CallStatusNames.Rank(call.Status)
            ? StatusApplyOutcome.Applied
            : StatusApplyOutcome.Stale;
    }

    private static async Task StampParentTransferAsync(
        TelephonyDbContext db, string parentSid, CallStatus legStatus, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stampsStart = legStatus is CallStatus.Initiated or CallStatus.Ringing or CallStatus.InProgress;
        if (!stampsStart)
        {
            return;
        }

        var parent = await db.Calls.FindAsync([parentSid], cancellationToken).ConfigureAwait(false);
        if (parent is null)
        {
            return;
        }

        parent.TransferStartedAt ??= at;
        if (legStatus == CallStatus.InProgress)
        {
            parent.TransferAnsweredAt ??= at;
        }
    }

    private static CallEvent Event(string callSid, string kind, string detail, DateTimeOffset at) => new()
    {
        CallSid = callSid,
        Kind = kind,
        Detail = detail.Length <= 1000 ? detail : detail[..1000],
        OccurredAt = at,
    };
}
