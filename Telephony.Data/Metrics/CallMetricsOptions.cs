namespace Telephony.Data.Metrics;

/// <summary>Thresholds behind the call metrics (METRICS.md); defaults are the documented ones.</summary>
/// <param name="ServiceLevelThreshold">Answered within this long of the ring starting counts towards service level (below the 20 s ring limit).</param>
/// <param name="ShortAbandon">A caller gone within this long is a short abandon, left out of abandonment and service level.</param>
public sealed record CallMetricsOptions(TimeSpan ServiceLevelThreshold, TimeSpan ShortAbandon)
{
    public static CallMetricsOptions Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5));

    /// <summary>The service-level threshold in whole seconds, as captions and logs name it.</summary>
    public int ServiceLevelSeconds => (int)ServiceLevelThreshold.TotalSeconds;
}
