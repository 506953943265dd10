namespace Telephony.Data.Errors;

/// <summary>An entry of the webhook log: a failure (see <see cref="WebhookErrorKinds.IsFailure"/>), a bad signature, or a note such as a reconciled call.</summary>
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
