namespace Telephony.Core.Calls;

/// <summary>
/// Twilio's call statuses, in the order a call moves through them; the last five are terminal. Stored by member name;
/// Twilio's wire names are in <see cref="CallStatusNames"/>.
/// </summary>
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
