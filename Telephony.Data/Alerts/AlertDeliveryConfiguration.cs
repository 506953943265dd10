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
        builder.Property(d => d.TargetKey).HasMaxLength(128);
        builder.HasOne<Alert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });

        // Once per firing (or resolution) per target, however many evaluations or instances see it.
        builder.HasIndex(d => new { d.AlertId, d.Kind, d.TargetKey }).IsUnique();
    }
}
