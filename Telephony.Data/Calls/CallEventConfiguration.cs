using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Calls;

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        builder.ToTable("CallEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.CallSid).HasMaxLength(34);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasOne<Call>().WithMany().HasForeignKey(e => e.CallSid).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.CallSid, e.OccurredAt });
    }
}
