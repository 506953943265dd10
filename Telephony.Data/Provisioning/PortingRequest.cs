using Telephony.Core.Provisioning;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Provisioning;

/// <summary>A number being ported in from another carrier, tracked through <see cref="PortingState"/>.</summary>
public class PortingRequest : IVersioned
{
    public Guid Id { get; set; }

    public string E164 { get; set; } = "";

    public Guid? TenantId { get; set; }

    public string LosingCarrier { get; set; } = "";

    public PortingState State { get; set; }

    /// <summary>The last note given with a state change (a rejection reason, a scheduled date).</summary>
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }
}
