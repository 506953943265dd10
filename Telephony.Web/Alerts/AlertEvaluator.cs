using Microsoft.Extensions.Options;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;
using Telephony.Data.Metrics;
using Telephony.Web.Settings;

namespace Telephony.Web.Alerts;

/// <summary>
/// Every <c>Alerts:EvaluationSeconds</c>, measures the monitoring views, runs the rules and stores what changed (fire,
/// refresh, resolve, with outbox deliveries). Only the instance holding the <see cref="IEvaluatorLease"/> evaluates.
/// The rules' limits are <see cref="LiveThresholds"/>: the configured ones, or those an admin saved on the Settings page.
/// Readiness is not a rule here: it needs no database, so each instance's <see cref="Outage.OutagePager"/> pages it.
/// </summary>
public sealed partial class AlertEvaluator(
    AlertStore store,
    MonitoringQueries queries,
    IEvaluatorLease lease,
    AlertTargets targets,
    LiveThresholds thresholds,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertEvaluator> logger) : BackgroundService
{
    private readonly SemaphoreSlim gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EvaluationSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await EvaluateOnceAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The database may be down; evaluate again on the next tick.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <summary>One evaluation; false when another instance holds the lease and this one stood by.</summary>
    public async Task<bool> EvaluateOnceAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await lease.TryAcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var limits = (await thresholds.GetAsync(cancellationToken).ConfigureAwait(false)).Alerts;
            var inputs = await MeasureAsync(limits, cancellationToken).ConfigureAwait(false);
            var outcome = await store.ApplyAsync(AlertRules.Evaluate(inputs, limits), targets.All, cancellationToken).ConfigureAwait(false);
            foreach (var id in outcome.Fired)
            {
                LogFired(logger, id);
            }

            foreach (var id in outcome.Resolved)
            {
                LogResolved(logger, id);
            }

            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<AlertInputs> MeasureAsync(AlertThresholds o, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var calls = await queries.GetCallSuccessAsync(now.AddMinutes(-o.CallWindowMinutes), now, cancellationToken: cancellationToken).ConfigureAwait(false);
        var errors = await queries.GetRecentErrorsAsync(1, cancellationToken).ConfigureAwait(false);
        var databaseFailures = await store.CountDatabaseFailuresSinceAsync(now.AddMinutes(-o.DatabaseFailureWindowMinutes), cancellationToken).ConfigureAwait(false);
        var backlog = await queries.GetVoicemailBacklogAsync(cancellationToken).ConfigureAwait(false);
        var violations = await queries.GetRateLimitViolationsAsync(cancellationToken).ConfigureAwait(false);
        var failed = await queries.GetFailedTransactionsAsync(1, cancellationToken).ConfigureAwait(false);

        return new AlertInputs(
            CallsInSuccessWindow: calls.Finished,
            CallSuccessRate: calls.CallSuccessRate,
            MaxWebhookErrorsPerMinute: errors.RecentPeak,
            DatabaseFailures: databaseFailures,
            VoicemailBacklog: backlog.Total,
            RateLimitViolationsLastHour: violations.Sum(v => v.Count),
            FailedTransactionsLastHour: failed.InLastHour,
            AverageCallDurationSeconds: calls.AverageTalkTimeSeconds,
            MaxSignatureFailuresPerMinute: errors.RecentSignaturePeak);
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} fired")]
    private static partial void LogFired(ILogger logger, long alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} resolved")]
    private static partial void LogResolved(ILogger logger, long alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert evaluation failed ({Reason}); retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, string reason);
}
