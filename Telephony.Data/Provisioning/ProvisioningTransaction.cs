using Telephony.Data.Infrastructure;

namespace Telephony.Data.Provisioning;

/// <summary>A provisioning saga (onboard tenant, provision or release a number) and its lease for the worker running it.</summary>
public class ProvisioningTransaction : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>The saga definition, e.g. <c>onboard-tenant</c>, <c>provision-number</c>, <c>release-number</c>.</summary>
    public string Kind { get; set; } = "";

    public TransactionStatus Status { get; set; } = TransactionStatus.Pending;

    public int CurrentStep { get; set; }

    public string? Error { get; set; }

    public string PayloadJson { get; set; } = "{}";

    /// <summary>The instance currently driving the saga; another may take over once <see cref="LeaseExpiresAt"/> passes.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public List<TransactionStep> Steps { get; set; } = [];
}
