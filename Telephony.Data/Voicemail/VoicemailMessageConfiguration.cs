using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Voicemail;

internal sealed class VoicemailMessageConfiguration : IEntityTypeConfiguration<VoicemailMessage>
{
    public void Configure(EntityTypeBuilder<VoicemailMessage> builder)
    {
        builder.ToTable("Voicemails");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.CallSid).HasMaxLength(34);
        builder.Property(v => v.RecordingSid).HasMaxLength(34);
        builder.Property(v => v.RecordingUrl).HasMaxLength(500);
        builder.Property(v => v.Transcript).HasMaxLength(8000);
        builder.Property(v => v.TranscriptStatus).HasMaxLength(32);
        builder.Property(v => v.AudioPath).HasMaxLength(500);
        builder.Property(v => v.LastFetchError).HasMaxLength(1000);
        builder.Property(v => v.AssigneeUserId).HasMaxLength(450);
        builder.Property(v => v.CallbackNote).HasMaxLength(2000);
        builder.Property(v => v.RecordingDeletedBy).HasMaxLength(256);
        builder.Property(v => v.Version).IsConcurrencyToken();

        builder.HasIndex(v => v.RecordingSid).IsUnique();
        builder.HasIndex(v => v.CallSid);
        builder.HasIndex(v => new { v.CreatedAt, v.RecordingSid });
        builder.HasIndex(v => new { v.State, v.CreatedAt });
        builder.HasIndex(v => new { v.AudioStatus, v.NextFetchAt });
    }
}
