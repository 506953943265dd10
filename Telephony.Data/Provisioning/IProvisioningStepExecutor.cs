namespace Telephony.Data.Provisioning;

/// <summary>
/// Performs (and undoes) the external effect of one saga step. Both calls must be idempotent: after a crash the engine
/// repeats a step whose outcome was never persisted, and compensates steps whose effect may or may not exist.
/// </summary>
public interface IProvisioningStepExecutor
{
    /// <summary>Does the step; returns its result (JSON, never secrets), which later steps and compensation read.</summary>
    Task<string?> ExecuteAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Undoes the step; "already gone" counts as success.</summary>
    Task CompensateAsync(StepContext context, CancellationToken cancellationToken);
}
