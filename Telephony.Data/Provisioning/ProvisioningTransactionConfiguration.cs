using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Provisioning;

internal sealed class ProvisioningTransactionConfiguration : IEntityTypeConfiguration<ProvisioningTransaction>
{
    public void Configure(EntityTypeBuilder<ProvisioningTransaction> builder)
    {
        builder.ToTable("ProvisioningTransactions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasMaxLength(64);
        builder.Property(t => t.Error).HasMaxLength(2000);
        builder.Property(t => t.LeaseOwner).HasMaxLength(128);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasMany(t => t.Steps).WithOne().HasForeignKey(s => s.TransactionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.Status, t.LeaseExpiresAt });
        builder.HasIndex(t => t.CreatedAt);

        // Failed transactions, newest first, and how many failed in the last hour.
        builder.HasIndex(t => new { t.Status, t.UpdatedAt });
    }
}
