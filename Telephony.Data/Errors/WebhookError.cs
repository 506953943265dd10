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

    /// <summary>
    /// How many events the entry stands for: 1, except for a signature-failure summary, which counts one source's
    /// refused requests in one minute (see <see cref="Source"/>).
    /// </summary>
    public int Count { get; set; } = 1;

    /// <summary>The client address (IPv6: its /64) a signature-failure summary counts; null for other entries.</summary>
    public string? Source { get; set; }
}
