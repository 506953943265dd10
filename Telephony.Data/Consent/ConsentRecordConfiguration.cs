using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Consent;

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("ConsentRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.CallSid).HasMaxLength(34);
        builder.Property(r => r.CallerNumber).HasMaxLength(64);
        builder.Property(r => r.PromptVersion).HasMaxLength(64);
        builder.Property(r => r.Language).HasMaxLength(8);
        builder.Property(r => r.Jurisdiction).HasMaxLength(64);
        builder.Property(r => r.Method).HasMaxLength(64);
        builder.HasIndex(r => r.CallerNumber);
        builder.HasIndex(r => r.RecordedAt);
        builder.HasIndex(r => r.CallSid);
    }
}
