namespace Telephony.Data.Metrics;

public sealed record MinuteCount(DateTimeOffset MinuteStart, int Count);
