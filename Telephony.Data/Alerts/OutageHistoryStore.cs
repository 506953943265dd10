using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Telephony.Core.Alerts;
using Telephony.Data.ChangeFeed;

namespace Telephony.Data.Alerts;

/// <summary>
/// Writes pages that instances sent on their own (while the database was down, or about themselves) into the alert
/// history. Instances that paged the same condition at overlapping times share one alert, each with its own deliveries.
/// A conflicting write (two instances at once) throws; the caller keeps its record and tries again later.
/// </summary>
public sealed class OutageHistoryStore(IDbContextFactory<TelephonyDbContext> contextFactory, IChangeFeed changeFeed, TimeProvider timeProvider)
{
    private const long HistoryLockKey = 0x6f7574616765;

    /// <summary>Creates or updates the record's alert and its deliveries; returns the alert's id.</summary>
    public async Task<long> RecordAsync(OutageRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = timeProvider.GetUtcNow();
        long alertId;
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Instances write the same outage at the same moment when the database comes back: one at a time, so
                // the second finds the first one's alert. SQLite's write transaction already serialises them.
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({HistoryLockKey})", cancellationToken).ConfigureAwait(false);
                }

                var alert = await FindAsync(db, record, cancellationToken).ConfigureAwait(false);
                if (alert is null)
                {
                    alert = new Alert
                    {
                        RuleKey = record.Condition,
                        Severity = AlertSeverity.Critical,
                        Status = AlertStatus.Firing,
                        FiredAt = record.PagedAt,
                    };
                    db.Alerts.Add(alert);
                }

                alert.Message = Truncate(record.Message, 1000);
                alert.LastSeenAt = now;
                if (record.ClearedAt is { } cleared && alert.Status != AlertStatus.Resolved)
                {
                    alert.Status = AlertStatus.Resolved;
                    alert.ResolvedAt = cleared;
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await UpsertDeliveriesAsync(db, alert.Id, record.Deliveries, cancellationToken).ConfigureAwait(false);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                alertId = alert.Id;
            }
        }

        // Deliveries are not watched entities; announce the alert so open consoles redraw its notifications.
        await changeFeed.PublishAsync(new ChangeNotice(ChangeKinds.Alert, alertId.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        return alertId;
    }

    private static async Task<Alert?> FindAsync(TelephonyDbContext db, OutageRecord record, CancellationToken cancellationToken)
    {
        if (record.AlertId is { } id)
        {
            var known = await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);

            // Resolved elsewhere (by a person, or by an instance that saw it clear) while this one still sees it: a new alert.
            if (known is not null && (known.Status != AlertStatus.Resolved || record.ClearedAt is not null))
            {
                return known;
            }
        }

        var open = await db.Alerts.SingleOrDefaultAsync(a => a.RuleKey == record.Condition && a.Status != AlertStatus.Resolved, cancellationToken).ConfigureAwait(false);
        if (open is not null || record.ClearedAt is not { } clearedAt)
        {
            return open;
        }

        // Another instance already wrote the same outage and saw it end: share its alert.
        return await db.Alerts
            .Where(a => a.RuleKey == record.Condition && a.Status == AlertStatus.Resolved && a.FiredAt <= clearedAt && a.ResolvedAt >= record.Since)
            .OrderByDescending(a => a.FiredAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpsertDeliveriesAsync(TelephonyDbContext db, long alertId, IReadOnlyList<OutageDeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        var stored = await db.AlertDeliveries.Where(d => d.AlertId == alertId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var d in deliveries)
        {
            var key = Truncate(d.TargetKey, 128);
            var row = stored.FirstOrDefault(s => s.Kind == d.Kind && s.TargetKey == key);
            if (row is null)
            {
                row = new AlertDelivery { AlertId = alertId, TargetKey = key, Kind = d.Kind, CreatedAt = d.CreatedAt };
                db.AlertDeliveries.Add(row);
            }

            row.Target = Truncate(d.Display, 1000);
            row.Channel = d.Channel;
            row.Status = d.Status;
            row.Attempts = d.Attempts;
            row.LastError = d.LastError is null ? null : Truncate(d.LastError, 1000);
            row.LastAttemptAt = d.LastAttemptAt;
            row.DeliveredAt = d.DeliveredAt;

            // Sent by the instance itself: never due for the database outbox's worker.
            row.NextAttemptAt = null;
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
