namespace Telephony.Data.Metrics;

/// <summary>
/// Everything one load of the Overview page reads: the <see cref="Snapshot"/>, calls since midnight in the page's zone
/// (<see cref="Today"/>, from <see cref="TodayFrom"/> to the snapshot's time) and consent over the last 24 hours.
/// </summary>
public sealed record OverviewPage(OverviewSnapshot Snapshot, DateTimeOffset TodayFrom, CallSuccessMetrics Today, ConsentCounts Consent24Hours);
