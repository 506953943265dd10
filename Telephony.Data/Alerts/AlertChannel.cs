namespace Telephony.Data.Alerts;

/// <summary>The payload shape an outbound webhook expects.</summary>
public enum AlertChannel
{
    /// <summary>Slack's incoming webhooks: <c>{ "text" }</c>.</summary>
    Slack,

    /// <summary>PagerDuty's Events API v2.</summary>
    PagerDuty,

    /// <summary>Any other receiver: a flat JSON description of the alert.</summary>
    Webhook,
}
