namespace Telephony.Data.Metrics.Rollups;

/// <summary>What one pass of <see cref="HourlyRollups"/> did.</summary>
/// <param name="Ran">False when another instance held the lease: nothing was done.</param>
/// <param name="HoursFolded">Hours (re)counted, new ones and changed ones.</param>
/// <param name="FoldedThrough">Where the rollups are complete after the pass.</param>
/// <param name="RecountedFrom">
/// Set when the pass found the rows counted with other thresholds and counted every hour again from here with its own;
/// the rows of earlier hours (their calls deleted by retention) kept the counts they had.
/// </param>
public sealed record RollupPass(bool Ran, int HoursFolded, DateTimeOffset? FoldedThrough, DateTimeOffset? RecountedFrom = null)
{
    public static RollupPass Skipped { get; } = new(false, 0, null);
}
