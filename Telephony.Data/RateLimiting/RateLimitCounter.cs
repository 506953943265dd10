namespace Telephony.Data.RateLimiting;

/// <summary>Admissions for one key (caller number) in one fixed one-minute window.</summary>
public class RateLimitCounter
{
    public string Key { get; set; } = "";

    public DateTimeOffset WindowStart { get; set; }

    public int Count { get; set; }
}
