namespace Telephony.Data.Errors;

/// <summary>A webhook that failed: bad signature, a Twilio fallback <c>ErrorCode</c>, a database failure, bad input.</summary>
public class WebhookError
{
    public long Id { get; set; }

    public WebhookErrorKind Kind { get; set; }

    public string Route { get; set; } = "";

    /// <summary>Twilio's <c>ErrorCode</c> from the fallback URL, e.g. <c>11200</c>.</summary>
    public string? ErrorCode { get; set; }

    public string? ErrorUrl { get; set; }

    public string? Detail { get; set; }

    public string? CallSid { get; set; }

    public DateTimeOffset At { get; set; }
}
