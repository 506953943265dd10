namespace Telephony.Data.RateLimiting;

/// <summary>A front-door call rejected because its caller exceeded the per-minute limit.</summary>
public class RateLimitViolation
{
    public long Id { get; set; }

    public string CallerNumber { get; set; } = "";

    public string? CallSid { get; set; }

    public DateTimeOffset At { get; set; }
}
