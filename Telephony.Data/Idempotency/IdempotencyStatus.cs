namespace Telephony.Data.Idempotency;

public enum IdempotencyStatus
{
    InFlight,
    Completed,
}
