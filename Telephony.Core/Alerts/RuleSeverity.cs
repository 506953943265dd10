namespace Telephony.Core.Alerts;

public enum RuleSeverity
{
    Warning,
    Critical,
}
