namespace Telephony.Core.Twilio;

/// <summary>Twilio's <c>DialCallStatus</c> values, sent to a <c>&lt;Dial action&gt;</c>.</summary>
public enum DialCallStatus
{
    Completed,
    Answered,
    Busy,
    NoAnswer,
    Failed,
    Canceled,
}
