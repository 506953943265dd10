namespace Telephony.Data.Alerts;

/// <summary>An outbox row: one notification of an alert to one target, retried until delivered.</summary>
public class AlertDelivery
{
    public long Id { get; set; }

    public long AlertId { get; set; }

    /// <summary>Where it goes: a webhook URL, an e-mail address, a phone number.</summary>
    public string Target { get; set; } = "";

    public AlertDeliveryKind Kind { get; set; }

    public AlertDeliveryStatus Status { get; set; } = AlertDeliveryStatus.Pending;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }
}
