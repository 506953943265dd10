namespace Telephony.Core.Twilio;

/// <summary>Twilio's <c>CallStatus</c> values (wire names in <see cref="TwilioStatusNames"/>).</summary>
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
