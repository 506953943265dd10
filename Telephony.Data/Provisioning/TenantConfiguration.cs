using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Provisioning;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.AreaCode).HasMaxLength(8);
        builder.Property(t => t.SubaccountSid).HasMaxLength(34);
        builder.Property(t => t.Status).HasMaxLength(32);
        builder.HasIndex(t => t.Name);
    }
}
