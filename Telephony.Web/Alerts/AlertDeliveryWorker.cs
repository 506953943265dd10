using Microsoft.Extensions.Options;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>
/// Sends the outbox: each pending delivery is claimed by one instance, posted to its webhook, and recorded as delivered or
/// retried with exponential backoff until <c>Alerts:MaxDeliveryAttempts</c>, then failed (visible on the Alerts page).
/// Logs name the target by kind and host only; URLs and routing keys are secrets.
/// </summary>
public sealed partial class AlertDeliveryWorker(
    AlertStore store,
    AlertTargets targets,
    AlertWebhookSender sender,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDeliveryWorker> logger) : BackgroundService
{
    /// <summary>Longer than a send can take (the client times out at 10 s), so a claimed delivery is not sent twice.</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.DeliveryPollMilliseconds), time);
        do
        {
            try
            {
                await DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The database may be down; try again on the next tick.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Sends what is due now; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await store.ClaimDueAsync(20, ClaimLease, cancellationToken).ConfigureAwait(false);
        foreach (var work in due)
        {
            await DeliverAsync(work, cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }

    private async Task DeliverAsync(DeliveryWork work, CancellationToken cancellationToken)
    {
        var hook = targets.Find(work.TargetKey);
        if (hook is null)
        {
            await store.MarkAttemptFailedAsync(work.DeliveryId, "This webhook is no longer configured.", null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var display = AlertWebhookSender.Display(hook);
        var error = await sender.SendAsync(AlertNotice.Of(work, options.Value.Source), hook, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            await store.MarkDeliveredAsync(work.DeliveryId, cancellationToken).ConfigureAwait(false);
            LogDelivered(logger, work.AlertId, work.Kind, display);
            return;
        }

        var attempts = work.Attempts + 1;
        var retryAt = sender.RetryAt(attempts, time.GetUtcNow());
        await store.MarkAttemptFailedAsync(work.DeliveryId, error, retryAt, cancellationToken).ConfigureAwait(false);
        LogFailed(logger, work.AlertId, work.Kind, display, attempts, error, retryAt is null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} {Kind} notice delivered to {Target}")]
    private static partial void LogDelivered(ILogger logger, long alertId, AlertDeliveryKind kind, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} {Kind} notice to {Target} failed (attempt {Attempt}: {Error}); given up: {GivenUp}")]
    private static partial void LogFailed(ILogger logger, long alertId, AlertDeliveryKind kind, string target, int attempt, string error, bool givenUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery poll failed ({Reason}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string reason);
}
