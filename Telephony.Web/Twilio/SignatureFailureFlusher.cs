using System.Globalization;
using Telephony.Data.Errors;

namespace Telephony.Web.Twilio;

/// <summary>
/// Writes the signature-failure counts (<see cref="SignatureFailureCounter"/>) to the webhook log every two seconds, off
/// the request path: one entry per source and minute, inserted once and then updated as its count grows, all in one
/// <c>SaveChanges</c> per tick, at most <see cref="MaxPerTick"/> entries (the largest changes first; the rest on the next
/// ticks). While the database is down the counts wait in memory; the last ones are written at shutdown.
/// </summary>
internal sealed partial class SignatureFailureFlusher(
    SignatureFailureCounter counter, WebhookErrorStore errors, TimeProvider time, ILogger<SignatureFailureFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Entries written per tick: a distributed flood's thousands of sources never make one tick's write unbounded.</summary>
    public const int MaxPerTick = 1000;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushOnceAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Shutting down: the counts are lost, and said so.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes every count that changed since it was last written; returns how many entries were written.</summary>
    public async Task<int> FlushOnceAsync(CancellationToken cancellationToken)
    {
        var due = new List<(SourceMinute Entry, long Total, SignatureFailureSummary Summary)>();
        foreach (var entry in counter.Snapshot())
        {
            var (failures, throttled) = (entry.Failures, entry.Throttled);
            var total = failures + throttled;
            if (total > entry.Written)
            {
                due.Add((entry, total, new SignatureFailureSummary(entry.RowId, entry.Source, entry.Route, entry.At, (int)Math.Min(total, int.MaxValue), Detail(entry.Source, total, throttled))));
            }
            else
            {
                counter.Forget(entry);
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        if (due.Count > MaxPerTick)
        {
            due = [.. due.OrderByDescending(d => d.Total - d.Entry.Written)];
            foreach (var (entry, _, _) in due.Skip(MaxPerTick).Where(d => !counter.IsTracked(d.Entry)))
            {
                counter.Requeue(entry);
            }

            due.RemoveRange(MaxPerTick, due.Count - MaxPerTick);
        }

        long[] ids;
        try
        {
            ids = await errors.SaveSignatureSummariesAsync([.. due.Select(d => d.Summary)], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Evicted entries are only in this list now: keep them for the next tick.
            foreach (var (entry, _, _) in due.Where(d => !counter.IsTracked(d.Entry)))
            {
                counter.Requeue(entry);
            }

            throw;
        }

        for (var i = 0; i < due.Count; i++)
        {
            due[i].Entry.RowId = ids[i];
            due[i].Entry.Written = due[i].Total;
        }

        return due.Count;
    }

    private static string Detail(string source, long total, long throttled) => string.Create(
        CultureInfo.InvariantCulture,
        $"{total} request(s) from {source} with a missing or wrong X-Twilio-Signature this minute; {throttled} of them answered 429 unchecked");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signature-failure counts could not be written ({Reason}); trying again on the next tick")]
    private static partial void LogFailed(ILogger logger, string reason);
}
