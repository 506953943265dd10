using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Data;

namespace Telephony.Web.Health;

/// <summary>Ready when the database answers and no migration is pending. Never reveals the connection string.</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<TelephonyDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("The database answers and all migrations are applied.")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) are not applied.");
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"The database check failed: {ex.GetType().Name}.");
        }
    }
}
