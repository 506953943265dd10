namespace Telephony.Web.Hosting;

/// <summary>
/// A background worker that does its work once at start and then every <see cref="Period"/> of the app's
/// <see cref="TimeProvider"/>, on every instance. A failed run (the database is down) is logged by the worker and the
/// next tick tries again; only stopping the app ends the loop.
/// </summary>
internal abstract class PeriodicWorker(TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The app's clock, which the period runs on.</summary>
    protected TimeProvider Time { get; } = timeProvider;

    /// <summary>The time from one run to the next.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>Whether this instance has anything to do at all; false ends the worker at start.</summary>
    protected virtual bool Enabled => true;

    /// <summary>One run, logging what it did.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Logs a run that failed; the next tick tries again.</summary>
    protected abstract void LogFailure(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, Time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailure(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
