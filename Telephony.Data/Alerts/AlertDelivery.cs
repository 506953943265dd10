namespace Telephony.Data.Alerts;

/// <summary>An outbox row: one notification of an alert to one target, retried until delivered.</summary>
public class AlertDelivery
{
    public long Id { get; set; }

    public long AlertId { get; set; }

    /// <summary>Where it goes: a webhook URL, an e-mail address, a phone number.</summary>
    public string Target { get; set; } = "";

    /// <summary>A stable name for the configured target (channel, URL and a hash of any routing key; never a secret).</summary>
    public string TargetKey { get; set; } = "";

    public AlertChannel Channel { get; set; }

    public AlertDeliveryKind Kind { get; set; }

    public AlertDeliveryStatus Status { get; set; } = AlertDeliveryStatus.Pending;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>When the worker may (next) try; while it sends, a short lease in the future so no other instance sends too.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
