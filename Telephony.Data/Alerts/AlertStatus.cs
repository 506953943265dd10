namespace Telephony.Data.Alerts;

public enum AlertStatus
{
    Firing,
    Acknowledged,
    Resolved,
}
