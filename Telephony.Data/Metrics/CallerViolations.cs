namespace Telephony.Data.Metrics;

/// <summary>Rate-limit rejections of one caller in the last hour.</summary>
public sealed record CallerViolations(string CallerNumber, int Count, DateTimeOffset LastAt);
