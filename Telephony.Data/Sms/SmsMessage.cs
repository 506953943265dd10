namespace Telephony.Data.Sms;

/// <summary>An SMS received or sent on the hotline number.</summary>
public class SmsMessage
{
    public long Id { get; set; }

    public string MessageSid { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public string Direction { get; set; } = "inbound";

    /// <summary>The keyword acted on (<c>STOP</c>, <c>START</c>, <c>HELP</c>) or null for free text.</summary>
    public string? Keyword { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
