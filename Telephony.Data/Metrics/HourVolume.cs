namespace Telephony.Data.Metrics;

/// <summary>One clock hour (UTC) of the volume chart; <see cref="Abandoned"/> includes IVR abandons, not short ones.</summary>
public sealed record HourVolume(DateTimeOffset HourStart, int Offered, int Answered, int Voicemail, int Abandoned, int Blocked);
