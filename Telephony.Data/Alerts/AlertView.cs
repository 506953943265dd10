using Telephony.Core.Alerts;

namespace Telephony.Data.Alerts;

/// <summary>An alert with its notifications, as the console shows it.</summary>
public sealed record AlertView(
    long Id,
    string RuleKey,
    AlertSeverity Severity,
    AlertStatus Status,
    string Message,
    double? Value,
    DateTimeOffset FiredAt,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    Guid Version,
    IReadOnlyList<DeliveryView> Deliveries);
