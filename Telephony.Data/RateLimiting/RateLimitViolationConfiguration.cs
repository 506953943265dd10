using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.RateLimiting;

internal sealed class RateLimitViolationConfiguration : IEntityTypeConfiguration<RateLimitViolation>
{
    public void Configure(EntityTypeBuilder<RateLimitViolation> builder)
    {
        builder.ToTable("RateLimitViolations");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.CallerNumber).HasMaxLength(128);
        builder.Property(v => v.CallSid).HasMaxLength(34);
        builder.HasIndex(v => v.At);
        builder.HasIndex(v => new { v.CallerNumber, v.At });
    }
}
