namespace Telephony.Web.Hosting;

/// <summary>
/// Deletes rows that have outlived their use, once at start and then every <see cref="Interval"/>, on every instance:
/// each purge is one idempotent delete, so instances running it at once only share the work. A failed purge (the
/// database is down) is logged and tried again on the next tick.
/// </summary>
internal abstract partial class PeriodicPurge(TimeProvider timeProvider, ILogger logger) : PeriodicWorker(timeProvider)
{
    /// <summary>What is purged, for the logs (e.g. "expired idempotency keys").</summary>
    protected abstract string What { get; }

    protected abstract TimeSpan Interval { get; }

    protected sealed override TimeSpan Period => Interval;

    /// <summary>One purge; returns how many rows went.</summary>
    public abstract Task<int> PurgeOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await PurgeOnceAsync(cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(logger, purged, What);
        }
    }

    protected sealed override void LogFailure(Exception exception) => LogPurgeFailed(logger, What, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} {What}")]
    private static partial void LogPurged(ILogger logger, int count, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging {What} failed; trying again on the next tick")]
    private static partial void LogPurgeFailed(ILogger logger, string what, Exception exception);
}
