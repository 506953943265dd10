namespace Telephony.Data.Seeding;

/// <summary>What <see cref="VolumeSeeder"/> loaded: the calls, their consent ledger entries, the span they cover and how long it took.</summary>
public sealed record VolumeSeedResult(long Calls, long ConsentRecords, DateTimeOffset From, DateTimeOffset To, TimeSpan Elapsed);
