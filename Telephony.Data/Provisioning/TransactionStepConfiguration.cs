using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Provisioning;

internal sealed class TransactionStepConfiguration : IEntityTypeConfiguration<TransactionStep>
{
    public void Configure(EntityTypeBuilder<TransactionStep> builder)
    {
        builder.ToTable("TransactionSteps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Error).HasMaxLength(2000);
        builder.HasIndex(s => new { s.TransactionId, s.Index }).IsUnique();
    }
}
