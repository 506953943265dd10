using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;
using Telephony.Web.Health;
using Telephony.Web.Journal;
using Telephony.Web.Twilio;

namespace Telephony.Web.Alerts.Outage;

/// <summary>
/// Pages about this instance's own readiness without the database: every <c>Alerts:EvaluationSeconds</c> it reads the
/// readiness checks; a condition (database unreachable, journal not draining, change feed down) that lasts
/// <c>Alerts:NotReadyMinutes</c> is sent as a critical alert straight to the configured targets, retried with backoff,
/// and resolved with the same <c>dedup_key</c> when it clears. Every instance pages on its own; the stable key per
/// condition makes PagerDuty keep one incident. Incidents are kept in a small file beside the journal and written into
/// the alert history once the database answers.
/// </summary>
public sealed partial class OutagePager : BackgroundService
{
    private readonly HealthCheckService health;
    private readonly AlertTargets targets;
    private readonly AlertWebhookSender sender;
    private readonly OutageHistoryStore history;
    private readonly AlertOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<OutagePager> logger;
    private readonly OutageTracker tracker;
    private readonly OutageStateFile file;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<OutageIncident> incidents;
    private readonly string instanceTag;
    private bool databaseAnswers;

    public OutagePager(
        HealthCheckService health,
        AlertTargets targets,
        AlertWebhookSender sender,
        OutageHistoryStore history,
        WebhookJournal journal,
        IOptions<AlertOptions> options,
        TimeProvider time,
        ILogger<OutagePager> logger)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        this.health = health;
        this.targets = targets;
        this.sender = sender;
        this.history = history;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        tracker = new OutageTracker(TimeSpan.FromMinutes(this.options.NotReadyMinutes));
        file = new OutageStateFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(journal.Path)!, "outage-pager.json"));
        incidents = file.Load();
        foreach (var open in incidents.Where(i => i.ClearedAt is null))
        {
            tracker.Restore(open.Condition, open.Since, open.Detail);
        }

        instanceTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WebhookGuard.Instance)))[..12];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var evaluateEvery = TimeSpan.FromSeconds(options.EvaluationSeconds);
        var poll = TimeSpan.FromMilliseconds(Math.Min(options.DeliveryPollMilliseconds, evaluateEvery.TotalMilliseconds));
        using var timer = new PeriodicTimer(poll, time);
        var nextEvaluation = time.GetUtcNow();
        do
        {
            try
            {
                // Sends are retried on the short poll; readiness and the history follow the evaluation period, so a
                // history write that keeps failing is tried (and logged) once per evaluation, not once per poll.
                await SendDueAsync(stoppingToken).ConfigureAwait(false);
                if (time.GetUtcNow() >= nextEvaluation)
                {
                    nextEvaluation = time.GetUtcNow() + evaluateEvery;
                    await ObserveOnceAsync(stoppingToken).ConfigureAwait(false);
                    await RecordAsync(stoppingToken).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // Paging must outlive any one failure; the next tick tries again.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogTickFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Reads readiness once and opens or clears incidents; the sends go out on the following ticks.</summary>
    public async Task ObserveOnceAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(HealthExtensions.ReadyTag), cancellationToken).ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            databaseAnswers = ReadinessConditions.DatabaseAnswers(report);
            var transitions = tracker.Observe(time.GetUtcNow(), ReadinessConditions.From(report));
            foreach (var t in transitions)
            {
                if (t.Firing)
                {
                    Open(t);
                }
                else
                {
                    Clear(t);
                }
            }

            if (transitions.Count > 0)
            {
                file.Save(incidents);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private void Open(OutageTransition t)
    {
        var incident = new OutageIncident { Condition = t.Condition, Detail = t.Detail, Since = t.Since, PagedAt = t.At };
        AddSends(incident, AlertDeliveryKind.Fire, t.At);
        incidents.Add(incident);
        LogPaged(logger, t.Condition, incident.Sends.Count);
    }

    private void Clear(OutageTransition t)
    {
        foreach (var incident in incidents.Where(i => i.Condition == t.Condition && i.ClearedAt is null))
        {
            incident.ClearedAt = t.At;
            incident.Recorded = false;
            AddSends(incident, AlertDeliveryKind.Resolve, t.At);
        }

        LogCleared(logger, t.Condition);
    }

    private void AddSends(OutageIncident incident, AlertDeliveryKind kind, DateTimeOffset now)
    {
        foreach (var target in targets.All.Where(t => t.Receives(AlertSeverity.Critical)))
        {
            incident.Sends.Add(new OutageSend
            {
                TargetKey = target.Key,
                Display = $"{target.Display} (from {WebhookGuard.Instance})",
                Channel = target.Channel,
                Kind = kind,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }

    /// <summary>Sends every notification that is due, straight to its webhook.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var changed = false;
            foreach (var incident in incidents)
            {
                foreach (var send in incident.Sends.Where(s => s.NextAttemptAt <= now))
                {
                    await SendAsync(incident, send, cancellationToken).ConfigureAwait(false);
                    incident.Recorded = false;
                    changed = true;
                }
            }

            if (changed)
            {
                file.Save(incidents);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task SendAsync(OutageIncident incident, OutageSend send, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        send.Attempts++;
        send.LastAttemptAt = now;
        var hook = targets.Find(send.TargetKey);
        var display = hook is null ? send.Display : AlertWebhookSender.Display(hook);
        var error = hook is null
            ? "This webhook is no longer configured."
            : await sender.SendAsync(Notice(incident, send.Kind), hook, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            send.Status = AlertDeliveryStatus.Delivered;
            send.DeliveredAt = time.GetUtcNow();
            send.LastError = null;
            send.NextAttemptAt = null;
            LogSent(logger, incident.Condition, send.Kind, display);
            return;
        }

        send.LastError = error;
        send.NextAttemptAt = hook is null ? null : sender.RetryAt(send.Attempts, time.GetUtcNow());
        send.Status = send.NextAttemptAt is null ? AlertDeliveryStatus.Failed : AlertDeliveryStatus.Pending;
        LogSendFailed(logger, incident.Condition, send.Kind, display, send.Attempts, error, send.NextAttemptAt is null);
    }

    private AlertNotice Notice(OutageIncident incident, AlertDeliveryKind kind) => new(
        incident.Condition,
        AlertSeverity.Critical,
        kind == AlertDeliveryKind.Fire,
        Message(incident),
        incident.PagedAt,
        incident.ClearedAt,
        OutageConditions.DedupKey(options.Source, incident.Condition),
        $"seen from {WebhookGuard.Instance}");

    private static string Message(OutageIncident incident) =>
        $"{incident.Detail} Seen from {WebhookGuard.Instance} since {incident.Since.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}" +
        (incident.ClearedAt is { } cleared ? $" until {cleared.ToUniversalTime().ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture)}." : ".");

    /// <summary>While the database answers, writes what changed into the alert history; finished incidents are then forgotten.</summary>
    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!databaseAnswers || incidents.TrueForAll(i => i.Recorded))
            {
                return;
            }

            foreach (var incident in incidents.Where(i => !i.Recorded))
            {
                try
                {
                    incident.AlertId = await history.RecordAsync(Record(incident), cancellationToken).ConfigureAwait(false);
                    incident.Recorded = true;
                }
#pragma warning disable CA1031 // Another instance wrote the same alert at the same moment, or the database went again: next tick.
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    LogRecordFailed(logger, incident.Condition, e.GetType().Name);
                }
            }

            incidents.RemoveAll(i => i.Finished);
            file.Save(incidents);
        }
        finally
        {
            gate.Release();
        }
    }

    private OutageRecord Record(OutageIncident incident) => new(
        incident.Condition,
        Message(incident),
        incident.Since,
        incident.PagedAt,
        incident.ClearedAt,
        incident.AlertId,
        incident.Sends.Select(s => new OutageDeliveryRecord(
            $"{s.TargetKey}@{instanceTag}", s.Display, s.Channel, s.Kind, s.Status, s.Attempts, s.LastError, s.CreatedAt, s.LastAttemptAt, s.DeliveredAt)).ToList());

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outage condition {Condition} lasted past the paging delay; paging {Targets} target(s) directly")]
    private static partial void LogPaged(ILogger logger, string condition, int targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outage condition {Condition} cleared; resolving its page")]
    private static partial void LogCleared(ILogger logger, string condition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outage page {Condition} {Kind} delivered to {Target}")]
    private static partial void LogSent(ILogger logger, string condition, AlertDeliveryKind kind, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outage page {Condition} {Kind} to {Target} failed (attempt {Attempt}: {Error}); given up: {GivenUp}")]
    private static partial void LogSendFailed(ILogger logger, string condition, AlertDeliveryKind kind, string target, int attempt, string error, bool givenUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outage page {Condition} not yet in the alert history ({Reason}); trying again")]
    private static partial void LogRecordFailed(ILogger logger, string condition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outage pager tick failed ({Reason}); trying again")]
    private static partial void LogTickFailed(ILogger logger, string reason);
}
