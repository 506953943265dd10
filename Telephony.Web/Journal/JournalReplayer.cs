using Microsoft.Extensions.Options;

namespace Telephony.Web.Journal;

/// <summary>
/// Replays journaled webhooks, oldest first, through the same database work the webhook would have done, as soon as
/// the database answers again (and at start, for records left by an earlier run). Each record is marked done only
/// after its work committed; a crash in between replays it once more, which the idempotent stores absorb.
/// </summary>
internal sealed partial class JournalReplayer(
    WebhookJournal journal, WebhookWork work, IOptions<JournalOptions> options, TimeProvider time, ILogger<JournalReplayer> logger) : BackgroundService
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReplayInterval, time);
        do
        {
            await ReplayPendingAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Replays what is pending; stops at the first failure (the database is still away) to keep the order.</summary>
    internal async Task<int> ReplayPendingAsync(CancellationToken stoppingToken)
    {
        var replayed = 0;
        foreach (var record in journal.Pending())
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            attempt.CancelAfter(AttemptTimeout);
            try
            {
                await work.RunAsync(record, attempt.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any failure means "not yet": the record stays and is tried again on the next tick.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogStillFailing(logger, journal.PendingCount, e.GetType().Name);
                break;
            }

            await journal.MarkDoneAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
            replayed++;
        }

        if (replayed > 0)
        {
            LogReplayed(logger, replayed, journal.PendingCount);
        }

        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} journaled webhooks; {Pending} still pending")]
    private static partial void LogReplayed(ILogger logger, int count, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journaled webhooks cannot be replayed yet ({Reason}); {Pending} pending")]
    private static partial void LogStillFailing(ILogger logger, int pending, string reason);
}
