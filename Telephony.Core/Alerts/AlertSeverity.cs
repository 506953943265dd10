namespace Telephony.Core.Alerts;

/// <summary>How urgent an alert is; stored by name, and ordered so that a target receives its minimum and above.</summary>
public enum AlertSeverity
{
    Warning,
    Critical,
}
