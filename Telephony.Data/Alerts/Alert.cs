using Telephony.Core.Alerts;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Alerts;

/// <summary>One firing of an alert rule, from fire through acknowledgement to resolution.</summary>
public class Alert : IVersioned
{
    public long Id { get; set; }

    public string RuleKey { get; set; } = "";

    public AlertSeverity Severity { get; set; }

    public AlertStatus Status { get; set; } = AlertStatus.Firing;

    public string Message { get; set; } = "";

    /// <summary>The measured value that crossed the threshold (a rate, a count, seconds).</summary>
    public double? Value { get; set; }

    public DateTimeOffset FiredAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Who resolved it by hand; null when the rule stopped firing on its own.</summary>
    public string? ResolvedBy { get; set; }

    /// <summary>When the evaluator last saw the rule firing (the value and message are from then).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    public Guid Version { get; set; }
}
