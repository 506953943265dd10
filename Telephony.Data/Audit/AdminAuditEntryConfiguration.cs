using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Audit;

internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.ToTable("AdminAuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserEmail).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(256);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => e.At);
    }
}
