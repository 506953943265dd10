using Microsoft.Extensions.Options;
using Telephony.Data.Errors;
using Telephony.Data.RateLimiting;
using Telephony.Web.Hosting;

namespace Telephony.Web.Privacy;

/// <summary>
/// Deletes webhook log entries and rate-limit violations past <c>Retention:CallDays</c>, and signature-failure summaries
/// past <c>Retention:SignatureFailureDays</c>, every <c>Retention:PurgeInterval</c>. Each is a run of idempotent
/// <c>DELETE</c>s of a batch of rows, so every instance runs it and instances running it at once only share the work.
/// </summary>
internal sealed class WebhookLogCleanup(
    WebhookErrorStore errors, RateLimitStore rateLimits, IOptions<RetentionOptions> options, TimeProvider timeProvider, ILogger<WebhookLogCleanup> logger)
    : PeriodicPurge(timeProvider, logger)
{
    private readonly TimeProvider time = timeProvider;

    protected override string What => "webhook log entries and rate-limit violations past retention";

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    public override async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var entriesBefore = now.AddDays(-o.CallDays);
        var summariesBefore = now.AddDays(-Math.Min(o.SignatureFailureDays, o.CallDays));
        return await errors.PurgeAsync(entriesBefore, summariesBefore, cancellationToken).ConfigureAwait(false)
            + await rateLimits.PurgeViolationsAsync(entriesBefore, cancellationToken).ConfigureAwait(false);
    }
}
