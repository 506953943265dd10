using System.Diagnostics.CodeAnalysis;

namespace Telephony.Data.Calls;

/// <summary>Twilio's wire names for <see cref="CallStatus"/> (<c>in-progress</c>, <c>no-answer</c>) and the status order.</summary>
public static class CallStatusNames
{
    public static bool TryParse(string? value, out CallStatus status)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "QUEUED": status = CallStatus.Queued; return true;
            case "INITIATED": status = CallStatus.Initiated; return true;
            case "RINGING": status = CallStatus.Ringing; return true;
            case "IN-PROGRESS" or "ANSWERED": status = CallStatus.InProgress; return true;
            case "COMPLETED": status = CallStatus.Completed; return true;
            case "BUSY": status = CallStatus.Busy; return true;
            case "NO-ANSWER": status = CallStatus.NoAnswer; return true;
            case "FAILED": status = CallStatus.Failed; return true;
            case "CANCELED": status = CallStatus.Canceled; return true;
            default: status = default; return false;
        }
    }

    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Twilio's names are lower case.")]
    public static string ToTwilio(CallStatus status) => status switch
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
