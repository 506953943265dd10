using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Web.Hosting.WarmUp;

namespace Telephony.Web.Health;

/// <summary>
/// The <c>warm-up</c> entry of <c>/health/ready</c>: unhealthy until the start-up warm-up is done, so that a load balancer
/// sends no webhook to code still to be compiled; then healthy, with the time from the process's start to ready in its data.
/// </summary>
internal sealed class WarmUpReadiness(WarmUpStatus status)
{
    public HealthReportEntry Entry()
    {
        if (status.Result is not { } done)
        {
            return new HealthReportEntry(HealthStatus.Unhealthy, "Warming up: opening database connections and compiling the webhook paths.", TimeSpan.Zero, null, null);
        }

        var data = new Dictionary<string, object>
        {
            ["readyAfterMilliseconds"] = Math.Round(done.SinceProcessStart.TotalMilliseconds),
            ["warmUpMilliseconds"] = Math.Round(done.Duration.TotalMilliseconds),
            ["rounds"] = done.Rounds,
            ["consoleRounds"] = done.ConsoleRounds,
            ["heapCommittedMegabytes"] = Math.Round(done.HeapCommittedBytes / (1024.0 * 1024), 1),
        };
        var after = done.SinceProcessStart.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        return new HealthReportEntry(
            HealthStatus.Healthy,
            done.Note is null ? $"Warm: ready {after} s after the process started." : $"Ready {after} s after the process started; warm-up {done.Note}.",
            TimeSpan.Zero,
            null,
            data);
    }
}
