using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Calls;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("Calls");
        builder.HasKey(c => c.CallSid);
        builder.Property(c => c.CallSid).HasMaxLength(34);
        builder.Property(c => c.ParentCallSid).HasMaxLength(34);
        builder.Property(c => c.AccountSid).HasMaxLength(34);
        builder.Property(c => c.Direction).HasMaxLength(32);
        builder.Property(c => c.From).HasMaxLength(64);
        builder.Property(c => c.To).HasMaxLength(64);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.DialCallStatus).HasMaxLength(32);
        builder.Property(c => c.Version).IsConcurrencyToken();

        // Time windows, and the read API's newest-first keyset pages (CreatedAt desc, CallSid desc) read in index order.
        builder.HasIndex(c => new { c.CreatedAt, c.CallSid });
        builder.HasIndex(c => new { c.From, c.CreatedAt });

        // Parent-call windows (ParentCallSid IS NULL AND CreatedAt in range) for every metric, and a parent's legs.
        // Without CreatedAt beside it, SQLite picks the ParentCallSid index for those windows and reads every call.
        builder.HasIndex(c => new { c.ParentCallSid, c.CreatedAt });

        // Active calls (status ringing / in-progress) and the stale split on the last update; it also serves every look-up
        // by status alone, so there is no index on Status by itself (every update of a call changes Status or UpdatedAt,
        // so each index on them is written on every webhook).
        builder.HasIndex(c => new { c.Status, c.UpdatedAt });
    }
}
