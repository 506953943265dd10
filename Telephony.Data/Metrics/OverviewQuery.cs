using Microsoft.EntityFrameworkCore;
using Telephony.Data.Alerts;
using Telephony.Data.Errors;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.Provisioning;

namespace Telephony.Data.Metrics;

/// <summary>The Overview page's numbers on one connection: the day's whole hours from their rollups, the rest from the calls.</summary>
internal static class OverviewQuery
{
    public static async Task<OverviewSnapshot> RunAsync(
        TelephonyDbContext db, DateTimeOffset now, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        // Held open for the whole snapshot so the queries share one physical connection.
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var active = await ActiveCallsQuery.RunAsync(db, now, cancellationToken).ConfigureAwait(false);

        var folded = await WindowFold.FoldedThroughAsync(db, options, cancellationToken).ConfigureAwait(false);
        var volume = new HourlyVolumeAccumulator(now);
        var success = new CallSuccessAccumulator(options);
        WindowSink[] sinks =
        [
            new(new MetricsWindow(volume.From, volume.To, folded))
            {
                OnCall = (call, outcome) =>
                {
                    volume.Add(call, outcome);
                    success.Add(call, outcome);
                },
                OnRollup = rollup =>
                {
                    volume.Add(rollup);
                    success.Add(rollup);
                },
            },
        ];
        await WindowFold.RunAsync(db, sinks, options, cancellationToken).ConfigureAwait(false);

        return await FinishAsync(db, now, active, volume, success, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The snapshot's small reads after the calls are folded, on the open connection.</summary>
    public static async Task<OverviewSnapshot> FinishAsync(
        TelephonyDbContext db,
        DateTimeOffset now,
        ActiveCalls active,
        HourlyVolumeAccumulator volume,
        CallSuccessAccumulator success,
        CancellationToken cancellationToken)
    {
        var backlog = await VoicemailBacklogQuery.RunAsync(db, now, cancellationToken).ConfigureAwait(false);

        // Plain indexed counts. (A single statement of scalar sub-queries needs a one-row FROM that EF Core cannot
        // express portably; on an open connection four tiny statements cost little.)
        var hourAgo = now.AddHours(-1);
        var (errorsFrom, errorsTo) = RecentErrorsQuery.WindowFor(now);
        var kinds = await db.WebhookErrors
            .Where(e => e.At >= errorsFrom && e.At < errorsTo)
            .GroupBy(e => e.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Sum(e => e.Count) })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var errors = kinds.Where(k => WebhookErrorKinds.IsFailure(k.Kind)).Sum(k => k.Count);
        var signatureFailures = kinds.Where(k => k.Kind == WebhookErrorKind.SignatureFailure).Sum(k => k.Count);
        var violations = await db.RateLimitViolations.CountAsync(v => v.At > hourAgo && v.At <= now, cancellationToken).ConfigureAwait(false);
        var failed = await db.ProvisioningTransactions.CountAsync(t => t.Status == TransactionStatus.Failed, cancellationToken).ConfigureAwait(false);
        var firing = await db.Alerts.CountAsync(a => a.Status == AlertStatus.Firing, cancellationToken).ConfigureAwait(false);

        return new OverviewSnapshot(
            now,
            active,
            volume.Build(),
            success.Build(volume.From, volume.To),
            backlog,
            errors,
            signatureFailures,
            violations,
            failed,
            firing);
    }
}
