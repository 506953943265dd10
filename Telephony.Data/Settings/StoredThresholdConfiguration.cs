using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Settings;

internal sealed class StoredThresholdConfiguration : IEntityTypeConfiguration<StoredThreshold>
{
    public void Configure(EntityTypeBuilder<StoredThreshold> builder)
    {
        builder.ToTable("StoredThresholds");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(128);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
