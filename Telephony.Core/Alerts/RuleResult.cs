namespace Telephony.Core.Alerts;

/// <summary>One rule's verdict for one evaluation; <see cref="Value"/> is what was measured (null when there was nothing to measure).</summary>
public sealed record RuleResult(string RuleKey, AlertSeverity Severity, bool Firing, double? Value, string Message);
