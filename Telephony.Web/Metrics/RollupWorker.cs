using Microsoft.Extensions.Options;
using Telephony.Data.Metrics.Rollups;
using Telephony.Web.Hosting;

namespace Telephony.Web.Metrics;

/// <summary>
/// Runs an <see cref="HourlyRollups"/> pass at start and then every <c>Rollups:Interval</c> on every instance; the
/// pass's lease makes one instance at a time do the work. A failed pass (the database is down) is logged and the next
/// tick tries again; the pages stay right meanwhile, reading the calls of the hours not folded yet.
/// </summary>
internal sealed partial class RollupWorker(HourlyRollups rollups, IOptions<RollupOptions> options, TimeProvider time, ILogger<RollupWorker> logger)
    : PeriodicWorker(time)
{
    protected override TimeSpan Period => options.Value.Interval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var pass = await rollups.RunPassAsync(cancellationToken).ConfigureAwait(false);
        if (pass.HoursFolded > 0)
        {
            LogFolded(logger, pass.HoursFolded, pass.FoldedThrough);
        }
    }

    protected override void LogFailure(Exception exception) => LogPassFailed(logger, exception.GetType().Name, exception.Message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hourly rollups: {Hours} hour(s) counted, complete through {FoldedThrough:u}")]
    private static partial void LogFolded(ILogger logger, int hours, DateTimeOffset? foldedThrough);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hourly rollup pass failed ({Error}: {Message}); trying again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, string error, string message);
}
