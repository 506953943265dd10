namespace Telephony.Data.Metrics.Rollups;

/// <summary>UTC clock hours.</summary>
internal static class HourMath
{
    public static DateTimeOffset Floor(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset at)
    {
        var floor = Floor(at);
        return floor.UtcTicks == at.UtcTicks ? floor : floor.AddHours(1);
    }
}
