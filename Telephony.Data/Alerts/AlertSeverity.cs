namespace Telephony.Data.Alerts;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
