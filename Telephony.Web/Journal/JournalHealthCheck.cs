using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Telephony.Web.Journal;

/// <summary>Degraded while webhooks wait in the journal for the database (the count, never the contents).</summary>
internal sealed class JournalHealthCheck(WebhookJournal journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = journal.PendingCount;
        return Task.FromResult(pending == 0
            ? HealthCheckResult.Healthy("No journaled webhooks are pending.")
            : HealthCheckResult.Degraded($"{pending} journaled webhook(s) wait to be replayed."));
    }
}
