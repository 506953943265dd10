using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Data.ChangeFeed;

namespace Telephony.Web.Health;

/// <summary>
/// Whether this instance hears other instances' changes: without it its consoles stop redrawing. Degraded while the
/// first connection is being made, unhealthy once it is lost (the listener reconnects on its own).
/// </summary>
internal sealed class ChangeFeedHealthCheck(ChangeFeedStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.InProcess)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The change feed is in process (one instance)."));
        }

        var (listeningSince, lostAt) = status.Read();
        return Task.FromResult((listeningSince, lostAt) switch
        {
            ({ } since, _) => HealthCheckResult.Healthy($"Listening for changes since {Time(since)}."),
            (null, { } lost) => HealthCheckResult.Unhealthy($"The change listener lost PostgreSQL at {Time(lost)}; reconnecting."),
            _ => HealthCheckResult.Degraded("The change listener is connecting."),
        });
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
