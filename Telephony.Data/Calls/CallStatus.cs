namespace Telephony.Data.Calls;

/// <summary>Twilio's call statuses, in the order a call moves through them; the last five are terminal.</summary>
public enum CallStatus
{
    Queued,
    Initiated,
    Ringing,
    InProgress,
    Completed,
    Busy,
    NoAnswer,
    Failed,
    Canceled,
}
