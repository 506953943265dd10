using Microsoft.Extensions.Options;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Rollups;
using Telephony.Web.Hosting;

namespace Telephony.Web.Metrics;

/// <summary>
/// Runs an <see cref="HourlyRollups"/> pass at start and then every <c>Rollups:Interval</c> on every instance; the
/// pass's lease makes one instance at a time do the work. A failed pass (the database is down) is logged and the next
/// tick tries again; the pages stay right meanwhile, reading the calls of the hours not folded yet. A pass that counts
/// every hour again because <c>Metrics:ServiceLevelSeconds</c> changed says so once, at Information.
/// </summary>
internal sealed partial class RollupWorker(
    HourlyRollups rollups, IOptions<RollupOptions> options, CallMetricsOptions thresholds, TimeProvider time, ILogger<RollupWorker> logger)
    : PeriodicWorker(time)
{
    protected override TimeSpan Period => options.Value.Interval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var pass = await rollups.RunPassAsync(cancellationToken).ConfigureAwait(false);
        if (pass.RecountedFrom is { } recounted)
        {
            LogRecounted(logger, thresholds.ServiceLevelSeconds, recounted);
        }

        if (pass.HoursFolded > 0)
        {
            LogFolded(logger, pass.HoursFolded, pass.FoldedThrough);
        }
    }

    protected override void LogFailure(Exception exception) => LogPassFailed(logger, exception.GetType().Name, exception.Message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hourly rollups: {Hours} hour(s) counted, complete through {FoldedThrough:u}")]
    private static partial void LogFolded(ILogger logger, int hours, DateTimeOffset? foldedThrough);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hourly rollups were counted with another service-level threshold: every hour from {RecountedFrom:u} was counted again with {Seconds} s; earlier hours, whose calls retention deleted, keep the counts they had")]
    private static partial void LogRecounted(ILogger logger, int seconds, DateTimeOffset recountedFrom);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hourly rollup pass failed ({Error}: {Message}); trying again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, string error, string message);
}
