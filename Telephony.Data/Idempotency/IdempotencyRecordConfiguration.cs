using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.Scope).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(128);
        builder.Property(r => r.ResponseContentType).HasMaxLength(255);
        builder.Property(r => r.Location).HasMaxLength(1000);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
