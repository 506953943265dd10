using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Provisioning;

internal sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> builder)
    {
        builder.ToTable("PhoneNumbers");
        builder.HasKey(n => n.Sid);
        builder.Property(n => n.Sid).HasMaxLength(34);
        builder.Property(n => n.E164).HasMaxLength(32);
        builder.Property(n => n.FriendlyName).HasMaxLength(128);
        builder.Property(n => n.VoiceUrl).HasMaxLength(1000);
        builder.Property(n => n.VoiceFallbackUrl).HasMaxLength(1000);
        builder.Property(n => n.StatusCallbackUrl).HasMaxLength(1000);
        builder.Property(n => n.SmsUrl).HasMaxLength(1000);
        builder.Property(n => n.ConfigurationStatus).HasMaxLength(32);
        builder.Property(n => n.Status).HasMaxLength(32);
        builder.HasIndex(n => n.E164).IsUnique();
        builder.HasIndex(n => n.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
