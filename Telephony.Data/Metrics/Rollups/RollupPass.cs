namespace Telephony.Data.Metrics.Rollups;

/// <summary>What one pass of <see cref="HourlyRollups"/> did.</summary>
/// <param name="Ran">False when another instance held the lease: nothing was done.</param>
/// <param name="HoursFolded">Hours (re)counted, new ones and changed ones.</param>
/// <param name="FoldedThrough">Where the rollups are complete after the pass.</param>
public sealed record RollupPass(bool Ran, int HoursFolded, DateTimeOffset? FoldedThrough)
{
    public static RollupPass Skipped { get; } = new(false, 0, null);
}
