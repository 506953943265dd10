namespace Telephony.Data.Alerts;

public sealed record DeliveryView(
    long Id,
    long AlertId,
    string Target,
    AlertChannel Channel,
    AlertDeliveryKind Kind,
    AlertDeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);
