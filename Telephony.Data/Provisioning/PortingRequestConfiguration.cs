using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Provisioning;

internal sealed class PortingRequestConfiguration : IEntityTypeConfiguration<PortingRequest>
{
    public void Configure(EntityTypeBuilder<PortingRequest> builder)
    {
        builder.ToTable("PortingRequests");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.E164).HasMaxLength(16);
        builder.Property(p => p.LosingCarrier).HasMaxLength(100);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.E164);
    }
}
