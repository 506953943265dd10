using Microsoft.Extensions.Options;
using Telephony.Data.Idempotency;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Api;

/// <summary>Deletes expired Idempotency-Key records (they live 24 hours).</summary>
internal sealed partial class IdempotencyCleanup(
    IdempotencyStore store, IOptions<ProvisioningOptions> options, TimeProvider timeProvider, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IdempotencyPurgeInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var purged = await store.PurgeExpiredAsync(stoppingToken).ConfigureAwait(false);
                    if (purged > 0)
                    {
                        LogPurged(logger, purged);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPurgeFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency keys failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
