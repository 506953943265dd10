namespace Telephony.Core.Sms;

/// <summary>What an inbound text asked for.</summary>
public enum SmsKeyword
{
    OptOut,
    OptIn,
    Help,
    Other,
}
