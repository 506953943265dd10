namespace Telephony.Data.Alerts;

public enum AlertDeliveryKind
{
    Fire,
    Resolve,
}
