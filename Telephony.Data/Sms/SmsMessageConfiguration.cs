using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Sms;

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> builder)
    {
        builder.ToTable("SmsMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageSid).HasMaxLength(34);
        builder.Property(m => m.From).HasMaxLength(64);
        builder.Property(m => m.To).HasMaxLength(64);
        builder.Property(m => m.Body).HasMaxLength(1600);
        builder.Property(m => m.Direction).HasMaxLength(16);
        builder.Property(m => m.Keyword).HasMaxLength(16);
        builder.HasIndex(m => m.MessageSid).IsUnique();
        builder.HasIndex(m => m.ReceivedAt);
    }
}
