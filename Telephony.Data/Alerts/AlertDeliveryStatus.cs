namespace Telephony.Data.Alerts;

public enum AlertDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}
