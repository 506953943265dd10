using Microsoft.EntityFrameworkCore;
using Telephony.Core.Alerts;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Errors;

namespace Telephony.Data.Alerts;

/// <summary>
/// Alerts and their outbox: the evaluator's state transitions, people's acknowledge and resolve, the console's lists,
/// and the delivery worker's claim / record moves.
/// </summary>
public sealed class AlertStore(IDbContextFactory<TelephonyDbContext> contextFactory, IChangeFeed changeFeed, TimeProvider timeProvider)
{
    public const int HistoryRows = 50;

    public async Task<int> CountDatabaseFailuresSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.WebhookErrors.AsNoTracking()
                .CountAsync(e => e.Kind == WebhookErrorKind.DatabaseFailure && e.At >= since, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Persists one evaluation: a rule newly firing opens an alert, a firing rule refreshes its open alert's value, a rule
    /// no longer firing resolves it. Every fire and resolve queues one delivery per target that receives the alert's severity, in the same transaction.
    /// </summary>
    public async Task<EvaluationOutcome> ApplyAsync(IReadOnlyList<RuleResult> results, IReadOnlyList<DeliveryTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(targets);
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // SQLite starts this as BEGIN IMMEDIATE, so even two processes on one file take turns reading and writing.
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var open = await db.Alerts.Where(a => a.Status != AlertStatus.Resolved).ToListAsync(cancellationToken).ConfigureAwait(false);
                var fired = new List<Alert>();
                var resolved = new List<Alert>();
                var updated = 0;
                foreach (var result in results)
                {
                    var current = open.FirstOrDefault(a => a.RuleKey == result.RuleKey);
                    if (result.Firing && current is null)
                    {
                        var alert = new Alert
                        {
                            RuleKey = result.RuleKey,
                            Severity = result.Severity,
                            Status = AlertStatus.Firing,
                            Message = Truncate(result.Message, 1000),
                            Value = result.Value,
                            FiredAt = now,
                            LastSeenAt = now,
                        };
                        db.Alerts.Add(alert);
                        fired.Add(alert);
                    }
                    else if (result.Firing && current is not null)
                    {
                        // Only a changed reading is written: an unchanged alert should not redraw every console every 30 s.
                        if (current.Value != result.Value || current.Message != Truncate(result.Message, 1000))
                        {
                            current.Value = result.Value;
                            current.Message = Truncate(result.Message, 1000);
                            current.LastSeenAt = now;
                            updated++;
                        }
                    }
                    else if (!result.Firing && current is not null)
                    {
                        current.Status = AlertStatus.Resolved;
                        current.ResolvedAt = now;
                        resolved.Add(current);
                    }
                }

                // First save gives the new alerts their ids; the deliveries then point at them.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                QueueDeliveries(db, fired, AlertDeliveryKind.Fire, targets, now);
                QueueDeliveries(db, resolved, AlertDeliveryKind.Resolve, targets, now);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new EvaluationOutcome(fired.Select(a => a.Id).ToList(), resolved.Select(a => a.Id).ToList(), updated);
            }
        }
    }

    public Task<AlertActionOutcome> AcknowledgeAsync(long id, Guid version, string user, CancellationToken cancellationToken) =>
        ActAsync(id, version, a => a.Status == AlertStatus.Firing, (a, now) =>
        {
            a.Status = AlertStatus.Acknowledged;
            a.AcknowledgedAt = now;
            a.AcknowledgedBy = Truncate(user, 256);
            return null;
        }, [], cancellationToken);

    /// <summary>
    /// Resolves by hand (and tells the targets). If the condition still holds, the next evaluation fires a new alert:
    /// resolving says "fixed"; acknowledging is the way to say "seen, working on it".
    /// </summary>
    public Task<AlertActionOutcome> ResolveAsync(long id, Guid version, string user, IReadOnlyList<DeliveryTarget> targets, CancellationToken cancellationToken) =>
        ActAsync(id, version, a => a.Status != AlertStatus.Resolved, (a, now) =>
        {
            a.Status = AlertStatus.Resolved;
            a.ResolvedAt = now;
            a.ResolvedBy = Truncate(user, 256);
            return AlertDeliveryKind.Resolve;
        }, targets, cancellationToken);

    /// <summary>Firing and acknowledged alerts, critical first, newest first.</summary>
    public Task<IReadOnlyList<AlertView>> ListOpenAsync(CancellationToken cancellationToken) =>
        ListAsync(q => q.Where(a => a.Status != AlertStatus.Resolved), int.MaxValue, cancellationToken);

    /// <summary>The latest resolved alerts, newest first.</summary>
    public Task<IReadOnlyList<AlertView>> ListHistoryAsync(int take = HistoryRows, CancellationToken cancellationToken = default) =>
        ListAsync(q => q.Where(a => a.Status == AlertStatus.Resolved), take, cancellationToken);

    public async Task<OpenAlertCounts> CountOpenAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var severities = await db.Alerts.AsNoTracking().Where(a => a.Status != AlertStatus.Resolved).Select(a => a.Severity)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new OpenAlertCounts(severities.Count(s => s == AlertSeverity.Critical), severities.Count(s => s != AlertSeverity.Critical));
        }
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> pending deliveries that are due, pushing each one's next attempt out by
    /// <paramref name="lease"/>. The claim is a conditional update on the observed due time, so when several instances
    /// poll, each delivery goes to exactly one of them; a worker that dies mid-send leaves it due again after the lease.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryWork>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var due = await (
                    from d in db.AlertDeliveries.AsNoTracking()
                    join a in db.Alerts.AsNoTracking() on d.AlertId equals a.Id
                    where d.Status == AlertDeliveryStatus.Pending && d.NextAttemptAt != null && d.NextAttemptAt <= now
                    orderby d.NextAttemptAt, d.Id
                    select new { d.Id, d.NextAttemptAt, Work = new DeliveryWork(d.Id, d.TargetKey, d.Channel, d.Kind, d.Attempts, a.Id, a.RuleKey, a.Severity, a.Message, a.FiredAt, a.ResolvedAt) })
                .Take(max)
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            var claimed = new List<DeliveryWork>();
            var until = now + lease;
            foreach (var row in due)
            {
                var observed = row.NextAttemptAt;
                var won = await db.AlertDeliveries
                    .Where(d => d.Id == row.Id && d.Status == AlertDeliveryStatus.Pending && d.NextAttemptAt == observed)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, until), cancellationToken).ConfigureAwait(false);
                if (won == 1)
                {
                    claimed.Add(row.Work);
                }
            }

            return claimed;
        }
    }

    public Task MarkDeliveredAsync(long deliveryId, CancellationToken cancellationToken) =>
        RecordAttemptAsync(deliveryId, d =>
        {
            var now = timeProvider.GetUtcNow();
            d.Status = AlertDeliveryStatus.Delivered;
            d.DeliveredAt = now;
            d.LastError = null;
            d.NextAttemptAt = null;
        }, cancellationToken);

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or failed for good when it is null.</summary>
    public Task MarkAttemptFailedAsync(long deliveryId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        RecordAttemptAsync(deliveryId, d =>
        {
            d.Status = retryAt is null ? AlertDeliveryStatus.Failed : AlertDeliveryStatus.Pending;
            d.LastError = Truncate(error, 1000);
            d.NextAttemptAt = retryAt;
        }, cancellationToken);

    private async Task RecordAttemptAsync(long deliveryId, Action<AlertDelivery> change, CancellationToken cancellationToken)
    {
        long alertId;
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var delivery = await db.AlertDeliveries.SingleAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
            delivery.Attempts++;
            delivery.LastAttemptAt = timeProvider.GetUtcNow();
            change(delivery);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            alertId = delivery.AlertId;
        }

        // Deliveries are not watched entities; the console shows them under their alert, so announce the alert.
        await changeFeed.PublishAsync(new ChangeNotice(ChangeKinds.Alert, alertId.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
    }

    private async Task<AlertActionOutcome> ActAsync(
        long id, Guid version, Func<Alert, bool> allowed, Func<Alert, DateTimeOffset, AlertDeliveryKind?> change, IReadOnlyList<DeliveryTarget> targets, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
            if (alert is null)
            {
                return AlertActionOutcome.NotFound;
            }

            if (alert.Version != version)
            {
                return AlertActionOutcome.Stale;
            }

            if (!allowed(alert))
            {
                return AlertActionOutcome.NotAllowed;
            }

            var now = timeProvider.GetUtcNow();
            var notify = change(alert, now);
            if (notify is { } kind)
            {
                QueueDeliveries(db, [alert], kind, targets, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return AlertActionOutcome.Done;
            }
            catch (DbUpdateConcurrencyException)
            {
                return AlertActionOutcome.Stale;
            }
        }
    }

    private async Task<IReadOnlyList<AlertView>> ListAsync(Func<IQueryable<Alert>, IQueryable<Alert>> filter, int take, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var alerts = await filter(db.Alerts.AsNoTracking())
                .OrderByDescending(a => a.ResolvedAt).ThenByDescending(a => a.FiredAt).ThenByDescending(a => a.Id)
                .Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var ids = alerts.Select(a => a.Id).ToList();
            var deliveries = await db.AlertDeliveries.AsNoTracking().Where(d => ids.Contains(d.AlertId)).OrderBy(d => d.Id)
                .Select(d => new DeliveryView(d.Id, d.AlertId, d.Target, d.Channel, d.Kind, d.Status, d.Attempts, d.LastError, d.NextAttemptAt, d.DeliveredAt))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var byAlert = deliveries.ToLookup(d => d.AlertId);
            return alerts
                .OrderByDescending(a => a.Status == AlertStatus.Resolved ? -1 : (int)a.Severity)
                .ThenByDescending(a => a.ResolvedAt ?? a.FiredAt)
                .Select(a => new AlertView(
                    a.Id, a.RuleKey, a.Severity, a.Status, a.Message, a.Value, a.FiredAt, a.LastSeenAt, a.AcknowledgedAt, a.AcknowledgedBy,
                    a.ResolvedAt, a.ResolvedBy, a.Version, byAlert[a.Id].ToList()))
                .ToList();
        }
    }

    private static void QueueDeliveries(TelephonyDbContext db, IEnumerable<Alert> alerts, AlertDeliveryKind kind, IReadOnlyList<DeliveryTarget> targets, DateTimeOffset now)
    {
        foreach (var alert in alerts)
        {
            foreach (var target in targets.Where(t => t.Receives(alert.Severity)))
            {
                db.AlertDeliveries.Add(new AlertDelivery
                {
                    AlertId = alert.Id,
                    Target = Truncate(target.Display, 1000),
                    TargetKey = Truncate(target.Key, 128),
                    Channel = target.Channel,
                    Kind = kind,
                    Status = AlertDeliveryStatus.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
