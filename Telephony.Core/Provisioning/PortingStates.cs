namespace Telephony.Core.Provisioning;

/// <summary>Where a request to port a number in from another carrier stands.</summary>
public enum PortingState
{
    Submitted,
    InReview,
    Approved,
    Scheduled,
    Completed,
    Rejected,
    Cancelled,
}

/// <summary>The moves a porting request can make: forward through review and scheduling, or out by rejection or cancellation.</summary>
public static class PortingStates
{
    private static readonly Dictionary<PortingState, PortingState[]> Next = new()
    {
        [PortingState.Submitted] = [PortingState.InReview, PortingState.Rejected, PortingState.Cancelled],
        [PortingState.InReview] = [PortingState.Approved, PortingState.Rejected, PortingState.Cancelled],
        [PortingState.Approved] = [PortingState.Scheduled, PortingState.Cancelled],
        [PortingState.Scheduled] = [PortingState.Completed, PortingState.Rejected, PortingState.Cancelled],
        [PortingState.Completed] = [],
        [PortingState.Rejected] = [],
        [PortingState.Cancelled] = [],
    };

    public static bool CanMove(PortingState from, PortingState to) => Next[from].Contains(to);

    public static IReadOnlyList<PortingState> NextOf(PortingState from) => Next[from];

    public static bool IsFinal(PortingState state) => Next[state].Length == 0;

    /// <summary>The next step forward (review, approval, scheduling, completion); null once there is none.</summary>
    public static PortingState? AdvanceOf(PortingState from) =>
        Next[from].Where(s => s is not PortingState.Rejected and not PortingState.Cancelled).Select(s => (PortingState?)s).FirstOrDefault();

    /// <summary>E.164: a plus, a non-zero digit, up to 15 digits in all.</summary>
    public static bool IsValidE164(string? value) =>
        value is { Length: >= 3 and <= 16 } && value[0] == '+' && value[1] is >= '1' and <= '9' && value.Skip(1).All(char.IsAsciiDigit);

    /// <summary>1 to 100 characters, not blank, no control characters.</summary>
    public static bool IsValidCarrier(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 100 && !value.Any(char.IsControl);

    /// <summary>A note given with a state change: none, or at most 500 characters.</summary>
    public static bool IsValidNote(string? value) => value is null || value.Length <= 500;
}
