using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telephony.Data.Metrics.Rollups;

internal sealed class CallHourRollupConfiguration : IEntityTypeConfiguration<CallHourRollup>
{
    public void Configure(EntityTypeBuilder<CallHourRollup> builder)
    {
        builder.ToTable("CallHourRollups");

        // The key is the only index: windows read a range of hours.
        builder.HasKey(r => new { r.HourStart, r.Language });
        builder.Property(r => r.Language).HasMaxLength(8);
    }
}
