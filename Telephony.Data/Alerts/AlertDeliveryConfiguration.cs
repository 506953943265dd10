using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Alerts;

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("AlertDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Target).HasMaxLength(1000);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<Alert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
