using System.Globalization;
using Telephony.Core.Calls;

namespace Telephony.Data.Calls;

/// <summary>
/// What a webhook does to a call's row and timeline, decided on loaded rows (<see cref="ICallRows"/>) without I/O, so
/// every write path (a callback alone, a batch through EF Core, a batch as one PostgreSQL statement) follows one rule.
/// </summary>
public static class CallRules
{
    /// <summary>
    /// Applies a status callback. A call never moves backwards: callbacks with a lower <c>SequenceNumber</c> than the
    /// last applied one, or an earlier status, are ignored; repeats are no-ops. Each change adds a status event. An unknown
    /// leg is created; a dialled leg also stamps the transfer times on its parent call.
    /// </summary>
    public static StatusApplyOutcome ApplyStatus(ICallRows rows, CallStatusUpdate update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(update);
        var at = (update.Timestamp ?? now).ToUniversalTime();
        var call = rows.Find(update.CallSid);
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
            rows.Add(call);
            outcome = StatusApplyOutcome.Created;
            detail = $"created as {CallStatusNames.ToWire(update.Status)}";
        }
        else
        {
            outcome = Decide(call, update);
            if (outcome != StatusApplyOutcome.Applied)
            {
                return outcome;
            }

            detail = $"{CallStatusNames.ToWire(call.Status)} -> {CallStatusNames.ToWire(update.Status)}";
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
        rows.AddEvent(Event(call.CallSid, "status", detail, now));

        if (call.ParentCallSid is { } parentSid && rows.Find(parentSid) is { } parent)
        {
            StampParentTransfer(parent, update.Status, at);
        }

        return outcome;
    }

    /// <summary>
    /// Applies several changes to one call and their events (what one webhook decided). Changes of a call that does not
    /// exist are skipped (nothing to change); events without a change are added regardless. Returns false when the call
    /// does not exist.
    /// </summary>
    public static bool ApplyChanges(ICallRows rows, string callSid, IReadOnlyList<CallChange> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(changes);
        var call = rows.Find(callSid);
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

            rows.AddEvent(Event(callSid, kind, detail, now));
        }

        return call is not null;
    }

    /// <summary>A timeline event, its detail cut to the column's 1,000 characters.</summary>
    public static CallEvent Event(string callSid, string kind, string detail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new()
        {
            CallSid = callSid,
            Kind = kind,
            Detail = detail.Length <= 1000 ? detail : detail[..1000],
            OccurredAt = at,
        };
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

    private static void StampParentTransfer(Call parent, CallStatus legStatus, DateTimeOffset at)
    {
        if (legStatus is not (CallStatus.Initiated or CallStatus.Ringing or CallStatus.InProgress))
        {
            return;
        }

        parent.TransferStartedAt ??= at;
        if (legStatus == CallStatus.InProgress)
        {
            parent.TransferAnsweredAt ??= at;
        }
    }
}
