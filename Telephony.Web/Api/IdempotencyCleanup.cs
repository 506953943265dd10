using Microsoft.Extensions.Options;
using Telephony.Data.Idempotency;
using Telephony.Web.Hosting;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Api;

/// <summary>Deletes expired Idempotency-Key records (they live 24 hours).</summary>
internal sealed class IdempotencyCleanup(
    IdempotencyStore store, IOptions<ProvisioningOptions> options, TimeProvider timeProvider, ILogger<IdempotencyCleanup> logger)
    : PeriodicPurge(timeProvider, logger)
{
    protected override string What => "expired idempotency keys";

    protected override TimeSpan Interval => options.Value.IdempotencyPurgeInterval;

    public override Task<int> PurgeOnceAsync(CancellationToken cancellationToken) => store.PurgeExpiredAsync(cancellationToken);
}
