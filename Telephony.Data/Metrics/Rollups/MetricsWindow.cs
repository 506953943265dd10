namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// Where the calls of <c>[From, To)</c> are counted from: the whole UTC hours inside the window that rollups cover
/// (before <c>foldedThrough</c>) from their rollup rows, the rest (the part hours at each end, the hours not folded
/// yet) from the calls themselves. Each call is counted once, from exactly one of the two.
/// </summary>
/// <remarks>
/// With a <c>dayZone</c>, figures are cut by day in that zone: an hour in which a local midnight falls (a zone whose
/// offset is not a whole number of hours) is read from the calls, so that each call lands on its own day.
/// </remarks>
internal sealed class MetricsWindow
{
    private readonly TimeZoneInfo? dayZone;

    public MetricsWindow(DateTimeOffset from, DateTimeOffset to, DateTimeOffset? foldedThrough, TimeZoneInfo? dayZone = null)
    {
        From = from;
        To = to;
        this.dayZone = dayZone;
        RollupFrom = HourMath.Ceiling(from);
        var rollupTo = HourMath.Floor(to);
        if (foldedThrough is not { } folded)
        {
            rollupTo = RollupFrom;
        }
        else if (folded < rollupTo)
        {
            rollupTo = HourMath.Floor(folded);
        }

        RollupTo = rollupTo > RollupFrom ? rollupTo : RollupFrom;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    /// <summary>The first hour that may come from rollups.</summary>
    public DateTimeOffset RollupFrom { get; }

    /// <summary>The end of the hours that may come from rollups (RollupFrom when none do).</summary>
    public DateTimeOffset RollupTo { get; }

    public bool HasRollups => RollupTo > RollupFrom;

    /// <summary>Whether the hour starting at <paramref name="hourStart"/> is counted from its rollup rows.</summary>
    public bool FromRollup(DateTimeOffset hourStart) => hourStart >= RollupFrom && hourStart < RollupTo && !SplitByDay(hourStart);

    /// <summary>Whether a call created at <paramref name="createdAt"/> is counted from its own row.</summary>
    public bool FromCalls(DateTimeOffset createdAt) => createdAt >= From && createdAt < To && !FromRollup(HourMath.Floor(createdAt));

    /// <summary>The ranges whose calls are read one by one, in order.</summary>
    public IEnumerable<(DateTimeOffset From, DateTimeOffset To)> CallRanges()
    {
        if (!HasRollups)
        {
            if (To > From)
            {
                yield return (From, To);
            }

            yield break;
        }

        if (RollupFrom > From)
        {
            yield return (From, RollupFrom);
        }

        for (var hour = RollupFrom; dayZone is not null && hour < RollupTo; hour = hour.AddHours(1))
        {
            if (SplitByDay(hour))
            {
                yield return (hour, hour.AddHours(1));
            }
        }

        if (To > RollupTo)
        {
            yield return (RollupTo, To);
        }
    }

    private bool SplitByDay(DateTimeOffset hourStart) =>
        dayZone is not null && LocalDay(hourStart) != LocalDay(hourStart.AddHours(1).AddTicks(-1));

    private DateTime LocalDay(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, dayZone!).Date;
}
