using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>One outbound webhook (<c>Alerts:Webhooks:n</c>). The URL and the routing key are secrets: never logged or shown.</summary>
public sealed class AlertWebhookOptions
{
    public string Url { get; set; } = "";

    public AlertChannel Kind { get; set; } = AlertChannel.Slack;

    /// <summary>PagerDuty's integration (routing) key; required for PagerDuty.</summary>
    public string? RoutingKey { get; set; }
}
