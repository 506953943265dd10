namespace Telephony.Data.Metrics;

/// <summary>How many numbers are in one (status, webhook configuration status) pair, e.g. (active, failed).</summary>
public sealed record NumberStatusCount(string Status, string ConfigurationStatus, int Count);
