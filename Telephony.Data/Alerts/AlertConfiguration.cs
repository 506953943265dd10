using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Alerts;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.RuleKey).HasMaxLength(64);
        builder.Property(a => a.Message).HasMaxLength(1000);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.RuleKey, a.Status });
        builder.HasIndex(a => a.FiredAt);
    }
}
