namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// The one row that says how far <see cref="CallHourRollup"/> rows are complete (<see cref="FoldedThrough"/>), where
/// the next pass looks for late changes, which thresholds the rows were counted with, and which instance is folding.
/// </summary>
public sealed class RollupState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Every hour before this one (UTC, on the hour) has its rollup rows; later calls are read one by one.</summary>
    public DateTimeOffset? FoldedThrough { get; set; }

    /// <summary>When the last pass began looking for changed rows (its clock): the next looks from a little before.</summary>
    public DateTimeOffset? ChangesCheckedAt { get; set; }

    /// <summary>
    /// Calls created before this hour (UTC, on the hour) are deleted, or being deleted, by retention: the rollup rows of
    /// those hours are final and no pass, refold or rebuild counts them again. Never after <see cref="FoldedThrough"/>.
    /// </summary>
    public DateTimeOffset? DetailDeletedBefore { get; set; }

    /// <summary>The last <c>CallEvents.Id</c> checked for recordings (recording events do not touch the call's row).</summary>
    public long RecordingEventCursor { get; set; }

    /// <summary>The service-level threshold the rows were counted with, in ticks.</summary>
    public long ServiceLevelThresholdTicks { get; set; }

    /// <summary>The short-abandon limit the rows were counted with, in ticks.</summary>
    public long ShortAbandonTicks { get; set; }

    /// <summary>The instance folding now (a lease), or null.</summary>
    public Guid? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    internal bool CountedWith(CallMetricsOptions options) =>
        ServiceLevelThresholdTicks == options.ServiceLevelThreshold.Ticks && ShortAbandonTicks == options.ShortAbandon.Ticks;
}
