using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Wallboard;

internal sealed class WallboardTokenConfiguration : IEntityTypeConfiguration<WallboardToken>
{
    public void Configure(EntityTypeBuilder<WallboardToken> builder)
    {
        builder.ToTable("WallboardTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(128);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasIndex(t => t.TokenHash).IsUnique();
    }
}
