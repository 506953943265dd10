namespace Telephony.Data.Sms;

/// <summary>A number's current STOP/START state.</summary>
public class SmsOptOut
{
    public string PhoneNumber { get; set; } = "";

    public bool OptedOut { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
