namespace Telephony.Data.Metrics.Rollups;

/// <summary>What one run of <see cref="HourlyRollups.ExpireCallsAsync"/> did.</summary>
/// <param name="Ran">False when a rollup pass or another instance held the lease: nothing was done.</param>
/// <param name="Calls">Call rows deleted (parents and legs).</param>
/// <param name="Events">Timeline events deleted.</param>
/// <param name="Complete">False when the run stopped at its time budget with expired calls left for the next run.</param>
/// <param name="DeletedBefore">Calls created before this hour are gone (or going); null when nothing could be deleted yet.</param>
public sealed record CallExpiry(bool Ran, int Calls, int Events, bool Complete, DateTimeOffset? DeletedBefore)
{
    public static CallExpiry Skipped { get; } = new(false, 0, 0, false, null);
}
