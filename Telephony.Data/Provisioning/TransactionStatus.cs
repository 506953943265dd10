namespace Telephony.Data.Provisioning;

public enum TransactionStatus
{
    Pending,
    Running,
    Completed,
    Compensating,
    Compensated,
    Failed,
}
