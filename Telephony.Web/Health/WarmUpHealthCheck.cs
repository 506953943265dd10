using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Web.Hosting.WarmUp;

namespace Telephony.Web.Health;

/// <summary>
/// Unhealthy until the start-up warm-up is done, so that a load balancer sends no webhook to code still to be compiled;
/// then healthy, with the time from the process's start to ready in its data.
/// </summary>
internal sealed class WarmUpHealthCheck(WarmUpStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Result is not { } done)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Warming up: opening database connections and compiling the webhook paths."));
        }

        var data = new Dictionary<string, object>
        {
            ["readyAfterMilliseconds"] = Math.Round(done.SinceProcessStart.TotalMilliseconds),
            ["warmUpMilliseconds"] = Math.Round(done.Duration.TotalMilliseconds),
            ["rounds"] = done.Rounds,
        };
        var after = done.SinceProcessStart.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        return Task.FromResult(HealthCheckResult.Healthy(
            done.Note is null ? $"Warm: ready {after} s after the process started." : $"Ready {after} s after the process started; warm-up {done.Note}.",
            data));
    }
}
