using Microsoft.Extensions.Options;

namespace Telephony.Web.Privacy;

/// <summary>Runs <see cref="RetentionPurge"/> at start and then every <c>Retention:PurgeInterval</c> on every instance.</summary>
internal sealed partial class RetentionWorker(RetentionPurge purge, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                await purge.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The database may be down; the next tick tries again.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogPurgeFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed ({Error}); retrying at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, string error);
}
