using Microsoft.Extensions.Options;
using Telephony.Data.RateLimiting;
using Telephony.Web.Hosting;
using Telephony.Web.Twilio;

namespace Telephony.Web.RateLimiting;

/// <summary>
/// Deletes the callers' rate-limit counters of windows that have ended: each caller's minute leaves one row behind,
/// and without this the table grows with every distinct caller for ever.
/// </summary>
internal sealed class RateLimitCleanup(
    RateLimitStore store, IOptions<HotlineOptions> options, TimeProvider timeProvider, ILogger<RateLimitCleanup> logger)
    : PeriodicPurge(timeProvider, logger)
{
    private readonly TimeProvider time = timeProvider;

    protected override string What => "ended rate-limit windows";

    protected override TimeSpan Interval => options.Value.RateLimit.PurgeInterval;

    public override Task<int> PurgeOnceAsync(CancellationToken cancellationToken) => store.PurgeAsync(time.GetUtcNow(), cancellationToken);
}
