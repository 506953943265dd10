namespace Telephony.Web.Settings;

/// <summary>
/// Starts <see cref="LiveThresholds"/> with the instance. Registered after the database's initializer, whose start (the
/// migrations) completes before this one runs, so the first read finds the thresholds' table even on a fresh database.
/// </summary>
internal sealed class LiveThresholdsStart(LiveThresholds thresholds) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        thresholds.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
