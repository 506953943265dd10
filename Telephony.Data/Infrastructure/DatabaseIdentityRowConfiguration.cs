using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Infrastructure;

internal sealed class DatabaseIdentityRowConfiguration : IEntityTypeConfiguration<DatabaseIdentityRow>
{
    public void Configure(EntityTypeBuilder<DatabaseIdentityRow> builder)
    {
        builder.ToTable("DatabaseIdentity", t => t.HasCheckConstraint("CK_DatabaseIdentity_OneRow", "\"Key\" = 1"));
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Key).ValueGeneratedNever();
        builder.Property(e => e.Id).HasMaxLength(32).IsRequired();
    }
}
