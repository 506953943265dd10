using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts.Outage;

/// <summary>One notification of an outage page to one target, kept on the instance's disk until the history has it.</summary>
internal sealed class OutageSend
{
    public string TargetKey { get; set; } = "";

    public string Display { get; set; } = "";

    public AlertChannel Channel { get; set; }

    public AlertDeliveryKind Kind { get; set; }

    public AlertDeliveryStatus Status { get; set; } = AlertDeliveryStatus.Pending;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
