using Microsoft.Extensions.Options;

namespace Telephony.Web.Reconciliation;

/// <summary>
/// Runs <see cref="Reconciler"/> every <c>Reconciliation:Interval</c>, first one interval after start. Every instance
/// runs it: creation is idempotent (CallSid, RecordingSid unique), so concurrent runs cannot store anything twice.
/// </summary>
internal sealed partial class ReconciliationWorker(
    Reconciler reconciler, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await reconciler.RunAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Twilio or the database unavailable: the next run's window covers this one.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation with Twilio failed ({Reason}); the next run covers the same window")]
    private static partial void LogFailed(ILogger logger, string reason);
}
