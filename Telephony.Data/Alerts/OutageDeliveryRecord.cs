namespace Telephony.Data.Alerts;

/// <summary>One notification of an outage page to one target, as the instance that sent it saw it.</summary>
public sealed record OutageDeliveryRecord(
    string TargetKey,
    string Display,
    AlertChannel Channel,
    AlertDeliveryKind Kind,
    AlertDeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? DeliveredAt);
