using Telephony.Core.Alerts;

namespace Telephony.Data.Alerts;

/// <summary>A delivery the worker has claimed, with what the payload needs from its alert.</summary>
public sealed record DeliveryWork(
    long DeliveryId,
    string TargetKey,
    AlertChannel Channel,
    AlertDeliveryKind Kind,
    int Attempts,
    long AlertId,
    string RuleKey,
    AlertSeverity Severity,
    string Message,
    DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt);
