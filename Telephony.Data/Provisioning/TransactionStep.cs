namespace Telephony.Data.Provisioning;

/// <summary>One step of a provisioning saga, with its result (needed to compensate it).</summary>
public class TransactionStep
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public int Index { get; set; }

    public string Name { get; set; } = "";

    public StepStatus Status { get; set; } = StepStatus.Pending;

    public string? ResultJson { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
