namespace Telephony.Data.Seeding;

public sealed record VolumeSeedResult(long Calls, DateTimeOffset From, DateTimeOffset To, TimeSpan Elapsed);
