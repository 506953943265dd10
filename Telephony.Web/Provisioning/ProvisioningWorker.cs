using Microsoft.Extensions.Options;
using Telephony.Data.Provisioning;

namespace Telephony.Web.Provisioning;

/// <summary>
/// Drives queued transactions (a few at a time) and, every <see cref="ProvisioningOptions.RecoveryInterval"/>, queues
/// those nobody drives: left pending, or running/compensating under an expired lease of a crashed instance. Several
/// instances may find the same one; the engine's lease claim lets exactly one of them run it.
/// </summary>
internal sealed partial class ProvisioningWorker(
    ProvisioningInbox queue,
    ProvisioningEngine engine,
    IOptions<ProvisioningOptions> options,
    TimeProvider timeProvider,
    ILogger<ProvisioningWorker> logger) : BackgroundService
{
    private const int Concurrency = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DrainQueueAsync(stoppingToken), RecoverAsync(stoppingToken));

    private async Task DrainQueueAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Concurrency);
        var running = new List<Task>();
        try
        {
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunOneAsync(id, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunOneAsync(Guid id, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await engine.RunAsync(id, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The lease expires and recovery picks the transaction up again.
            LogRunFailed(logger, e, id);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    foreach (var id in await engine.FindAbandonedAsync(20, stoppingToken).ConfigureAwait(false))
                    {
                        queue.Enqueue(id);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRecoveryFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning transaction {TransactionId} could not be driven; recovery will retry it")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid transactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for abandoned provisioning transactions failed")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
