using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Voicemail;

internal sealed class RecordingAccessConfiguration : IEntityTypeConfiguration<RecordingAccess>
{
    public void Configure(EntityTypeBuilder<RecordingAccess> builder)
    {
        builder.ToTable("RecordingAccesses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserEmail).HasMaxLength(256);
        // No foreign key on purpose: the audit trail survives the deletion of the voicemail it points at.
        builder.HasIndex(a => new { a.VoicemailId, a.At });
        builder.HasIndex(a => a.At);
    }
}
