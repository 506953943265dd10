using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Journal;

/// <summary>
/// The journal's part of readiness: healthy when nothing waits; degraded while records wait and the replayer gets
/// through them; unhealthy when the oldest record has not moved for <c>Journal:StalledAfter</c> (not draining).
/// Reports counts and ages, never the records' contents. A singleton: it remembers since when the oldest record waits.
/// </summary>
internal sealed class JournalHealthCheck(WebhookJournal journal, IOptions<JournalOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly Lock gate = new();
    private string? watchedId;
    private DateTimeOffset watchedSince;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var oldest = journal.OldestPending;
        if (oldest is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No journaled webhooks are pending."));
        }

        var now = time.GetUtcNow();
        TimeSpan unmoved;
        lock (gate)
        {
            if (watchedId != oldest.Id)
            {
                watchedId = oldest.Id;
                watchedSince = now;
            }

            unmoved = now - watchedSince;
        }

        var pending = journal.PendingCount;
        var data = new Dictionary<string, object>
        {
            ["pending"] = pending,
            ["oldestAgeSeconds"] = Math.Round((now - oldest.ReceivedAt).TotalSeconds),
        };
        return Task.FromResult(unmoved >= options.Value.StalledAfter
            ? HealthCheckResult.Unhealthy($"{pending} journaled webhook(s) wait and none was replayed for {Seconds(unmoved)} s (not draining).", data: data)
            : HealthCheckResult.Degraded($"{pending} journaled webhook(s) wait to be replayed.", data: data));
    }

    private static string Seconds(TimeSpan span) => Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
