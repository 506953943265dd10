namespace Telephony.Data.Provisioning;

/// <summary>Lease settings for <see cref="ProvisioningEngine"/>.</summary>
public sealed class ProvisioningEngineOptions
{
    /// <summary>Identifies this instance in <see cref="ProvisioningTransaction.LeaseOwner"/>.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName[..Math.Min(60, Environment.MachineName.Length)]}-{Guid.NewGuid():N}";

    /// <summary>How long a claim holds without being renewed; every persisted step renews it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
