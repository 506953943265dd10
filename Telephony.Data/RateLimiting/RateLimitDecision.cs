namespace Telephony.Data.RateLimiting;

/// <summary>The outcome of one acquisition: admitted while <see cref="Count"/> is within <see cref="Limit"/>.</summary>
/// <param name="Admitted">Whether the call may proceed.</param>
/// <param name="Count">Acquisitions for the key in this window, this one included.</param>
/// <param name="Limit">The limit applied.</param>
/// <param name="WindowStart">Start of the fixed one-minute window (UTC).</param>
/// <param name="RetryAfter">When the next window opens.</param>
public sealed record RateLimitDecision(bool Admitted, int Count, int Limit, DateTimeOffset WindowStart, DateTimeOffset RetryAfter);
