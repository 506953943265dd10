using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Data.Metrics;

namespace Telephony.Web.Telemetry;

/// <summary>
/// Reads the figures that need the database (open alerts by severity, the voicemail backlog) every
/// <c>Metrics:SampleInterval</c> into <see cref="OperationalSnapshot"/>, so that a scrape never queries. When the database
/// does not answer, the last figures stay and <c>hotline.database_sample.age</c> grows.
/// </summary>
internal sealed partial class OperationalSampler(
    IDbContextFactory<TelephonyDbContext> contexts,
    MonitoringQueries queries,
    OperationalSnapshot snapshot,
    HotlineMetrics metrics,
    IOptions<MetricsOptions> options,
    TimeProvider time,
    ILogger<OperationalSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Taken only so that the meter and its gauges exist before the first scrape.
        GC.KeepAlive(metrics);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                snapshot.Update(await SampleAsync(stoppingToken).ConfigureAwait(false));
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not stop the sampler: the last figures stay until it answers.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    LogSampleFailed(logger, e.GetType().Name);
                }

                failing = true;
            }

            try
            {
                await Task.Delay(options.Value.SampleInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<OperationalSample> SampleAsync(CancellationToken cancellationToken)
    {
        var voicemail = await queries.GetVoicemailBacklogAsync(cancellationToken).ConfigureAwait(false);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var open = await db.Alerts.AsNoTracking()
                .Where(a => a.Status != AlertStatus.Resolved)
                .GroupBy(a => a.Severity)
                .Select(g => new { Severity = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            return new OperationalSample(open.ToDictionary(g => g.Severity, g => g.Count), voicemail, time.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read alert and voicemail figures for /metrics ({Reason}); the last ones are kept")]
    private static partial void LogSampleFailed(ILogger logger, string reason);
}
