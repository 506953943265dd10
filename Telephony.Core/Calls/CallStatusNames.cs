using System.Diagnostics.CodeAnalysis;

namespace Telephony.Core.Calls;

/// <summary>Twilio's wire names for <see cref="CallStatus"/> (<c>in-progress</c>, <c>no-answer</c>) and the status order.</summary>
/// <remarks>
/// Webhooks and the REST API send these exact lower-case names, so anything else (another case, <c>answered</c>, which
/// is a <see cref="Twilio.DialCallStatus"/>) is not a call status: a webhook treats it as absent, reconciliation skips it.
/// </remarks>
public static class CallStatusNames
{
    public static bool TryParse(string? value, out CallStatus status)
    {
        switch (value)
        {
            case "queued": status = CallStatus.Queued; return true;
            case "initiated": status = CallStatus.Initiated; return true;
            case "ringing": status = CallStatus.Ringing; return true;
            case "in-progress": status = CallStatus.InProgress; return true;
            case "completed": status = CallStatus.Completed; return true;
            case "busy": status = CallStatus.Busy; return true;
            case "no-answer": status = CallStatus.NoAnswer; return true;
            case "failed": status = CallStatus.Failed; return true;
            case "canceled": status = CallStatus.Canceled; return true;
            default: status = default; return false;
        }
    }

    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Twilio's names are lower case.")]
    public static string ToWire(CallStatus status) => status switch
    {
        CallStatus.InProgress => "in-progress",
        CallStatus.NoAnswer => "no-answer",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool IsTerminal(CallStatus status) => Rank(status) == TerminalRank;

    /// <summary>Position in the lifecycle; a call only ever moves to a higher rank. All terminal statuses share the top rank.</summary>
    public static int Rank(CallStatus status) => status switch
    {
        CallStatus.Queued => 0,
        CallStatus.Initiated => 1,
        CallStatus.Ringing => 2,
        CallStatus.InProgress => 3,
        _ => TerminalRank,
    };

    private const int TerminalRank = 4;
}
