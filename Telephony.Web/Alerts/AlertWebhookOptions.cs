using Telephony.Core.Alerts;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>One outbound webhook (<c>Alerts:Webhooks:n</c>). The URL and the routing key are secrets: never logged or shown.</summary>
public sealed class AlertWebhookOptions
{
    public string Url { get; set; } = "";

    public AlertChannel Kind { get; set; } = AlertChannel.Slack;

    /// <summary>PagerDuty's integration (routing) key; required for PagerDuty.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>
    /// The least severe alert this target receives: <c>Critical</c> or <c>Warning</c>. Unset, PagerDuty receives critical
    /// alerts only (a warning must not wake anyone) and the other kinds receive warnings too.
    /// </summary>
    public AlertSeverity? MinSeverity { get; set; }

    public AlertSeverity EffectiveMinSeverity => MinSeverity ?? (Kind == AlertChannel.PagerDuty ? AlertSeverity.Critical : AlertSeverity.Warning);
}
