namespace Telephony.Data.Calls;

/// <summary>One thing that happened to a call (status change, menu choice, transfer, voicemail); the call's timeline.</summary>
public class CallEvent
{
    public long Id { get; set; }

    public string CallSid { get; set; } = "";

    /// <summary>Short machine-readable kind, e.g. <c>status</c>, <c>menu</c>, <c>dial</c>, <c>consent</c>.</summary>
    public string Kind { get; set; } = "";

    public string Detail { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }
}
