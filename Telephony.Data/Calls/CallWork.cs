using Telephony.Data.Consent;

namespace Telephony.Data.Calls;

/// <summary>What a unit of call work stored: whether its call exists, and what a status callback did.</summary>
public readonly record struct CallWorkResult(bool CallFound, StatusApplyOutcome? Status = null);

/// <summary>
/// One webhook's work on one call, decided on the loaded rows of the call (and its parent, <see cref="ParentCallSid"/>
/// or the stored one) by <see cref="Decide"/>. Decide runs again when a write is retried, so it must only read the rows
/// and its own inputs; what it captures is the outcome of its last run, which is the one stored.
/// </summary>
public sealed class CallWork(string callSid, Func<ICallRows, DateTimeOffset, CallWorkResult> decide)
{
    public string CallSid { get; } = callSid;

    /// <summary>The parent leg to load with the call, when the webhook names it.</summary>
    public string? ParentCallSid { get; init; }

    public Func<ICallRows, DateTimeOffset, CallWorkResult> Decide { get; } = decide;

    /// <summary>A status callback (<see cref="CallRules.ApplyStatus"/>).</summary>
    public static CallWork Status(CallStatusUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new(update.CallSid, (rows, now) => new(true, CallRules.ApplyStatus(rows, update, now))) { ParentCallSid = update.ParentCallSid };
    }

    /// <summary>Changes and events of one call (<see cref="CallRules.ApplyChanges"/>).</summary>
    public static CallWork Changes(string callSid, IReadOnlyList<CallChange> changes) =>
        new(callSid, (rows, now) => new(CallRules.ApplyChanges(rows, callSid, changes, now)));

    /// <summary>A consent decision (<see cref="ConsentRules.Record"/>).</summary>
    public static CallWork Consent(ConsentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.CallSid, (rows, now) =>
        {
            ConsentRules.Record(rows, entry, now);
            return new(rows.Find(entry.CallSid) is not null);
        });
    }
}
