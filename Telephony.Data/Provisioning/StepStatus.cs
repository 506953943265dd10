namespace Telephony.Data.Provisioning;

public enum StepStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Compensating,
    Compensated,
    CompensationFailed,
}
