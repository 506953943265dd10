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
        builder.Property(a => a.ResolvedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.RuleKey, a.Status });
        builder.HasIndex(a => a.FiredAt);

        // At most one open alert per rule, whatever evaluates: the database refuses a second one even if two evaluators
        // ever ran at once. Enums are stored by name and both providers accept the quoted identifier.
        builder.HasIndex(a => a.RuleKey).IsUnique().HasFilter("\"Status\" <> 'Resolved'").HasDatabaseName("IX_Alerts_OpenRule");
    }
}
