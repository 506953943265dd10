using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Errors;

internal sealed class WebhookErrorConfiguration : IEntityTypeConfiguration<WebhookError>
{
    public void Configure(EntityTypeBuilder<WebhookError> builder)
    {
        builder.ToTable("WebhookErrors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Route).HasMaxLength(200);
        builder.Property(e => e.ErrorCode).HasMaxLength(16);
        builder.Property(e => e.ErrorUrl).HasMaxLength(1000);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.Property(e => e.CallSid).HasMaxLength(34);
        builder.Property(e => e.Source).HasMaxLength(64);
        // Rows written before summaries existed, and by an older instance during a rolling upgrade, stand for one event.
        builder.Property(e => e.Count).HasDefaultValue(1).HasSentinel(0);
        builder.HasIndex(e => e.At);
    }
}
