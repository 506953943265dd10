using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Sms;

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> builder)
    {
        builder.ToTable("SmsOptOuts");
        builder.HasKey(o => o.PhoneNumber);
        builder.Property(o => o.PhoneNumber).HasMaxLength(64);
    }
}
