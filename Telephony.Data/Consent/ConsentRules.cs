using Telephony.Core.Consent;
using Telephony.Data.Calls;

namespace Telephony.Data.Consent;

/// <summary>How a consent decision is stored: a ledger entry, and the call's consent state moved (with an event).</summary>
public static class ConsentRules
{
    /// <summary>Appends the ledger entry and moves the call's state. A withdrawal is final: a later grant never overrides it.</summary>
    public static void Record(ICallRows rows, ConsentEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(entry);
        rows.AddConsent(new ConsentRecord
        {
            CallSid = entry.CallSid,
            CallerNumber = entry.CallerNumber,
            Decision = entry.Decision,
            PromptVersion = entry.PromptVersion,
            Language = entry.Language,
            Jurisdiction = entry.Jurisdiction,
            Method = entry.Method,
            RecordedAt = now,
        });

        if (rows.Find(entry.CallSid) is not { } call)
        {
            return;
        }

        var next = entry.Decision switch
        {
            ConsentDecision.Withdrawn => ConsentState.Withdrawn,
            ConsentDecision.Granted when call.ConsentState != ConsentState.Withdrawn => ConsentState.Granted,
            _ => call.ConsentState,
        };
        if (next != call.ConsentState)
        {
            call.ConsentState = next;
            call.UpdatedAt = now;
            rows.AddEvent(CallRules.Event(call.CallSid, "consent", $"{entry.Decision} ({entry.Method})", now));
        }
    }
}
