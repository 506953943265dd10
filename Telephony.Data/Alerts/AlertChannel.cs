namespace Telephony.Data.Alerts;

/// <summary>The payload shape an outbound webhook expects.</summary>
public enum AlertChannel
{
    Slack,
    PagerDuty,
}
