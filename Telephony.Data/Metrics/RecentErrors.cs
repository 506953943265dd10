namespace Telephony.Data.Metrics;

/// <summary>Webhook errors in the last hour: 60 clock-minute buckets (the last one is the current, partial minute) and the latest rows.</summary>
public sealed record RecentErrors(int Total, IReadOnlyList<MinuteCount> PerMinute, IReadOnlyList<ErrorRow> Latest);
