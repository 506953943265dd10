using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telephony.Data;
using Telephony.Data.Errors;
using Telephony.Data.Infrastructure;

namespace Telephony.Web.Journal;

/// <summary>
/// Replays journaled webhooks, oldest first, through the same database work the webhook would have done, as soon as
/// the database answers again (and at start, for records left by an earlier run). Each record is marked done only
/// after its work committed; a crash in between replays it once more, which the idempotent stores absorb.
/// </summary>
/// <remarks>
/// A failure while the database is away stops the round, to keep the order. A failure while it answers is the record's
/// own: that record, and the later ones of its call (their order matters), wait for the next round while the other
/// calls' records go on; after <see cref="JournalOptions.QuarantineAfter"/> it is set aside in the quarantine file and
/// shown on the Errors page, so one bad record never holds the rest back for ever.
/// <para>A record written against another database (the app pointed at a new one, a journal folder copied between
/// installations) is set aside at once, without trying it: replaying it would add another database's calls to this one,
/// and its timeline events would be refused for calls this database never had.</para>
/// </remarks>
internal sealed partial class JournalReplayer(
    WebhookJournal journal,
    WebhookReplay replay,
    IDbContextFactory<TelephonyDbContext> contexts,
    WebhookErrorStore errors,
    DatabaseIdentity database,
    IOptions<JournalOptions> options,
    TimeProvider time,
    ILogger<JournalReplayer> logger) : BackgroundService
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, DateTimeOffset> failingSince = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReplayInterval, time);
        do
        {
            await ReplayPendingAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Replays what is pending; stops at the first failure while the database is away (see remarks).</summary>
    internal async Task<int> ReplayPendingAsync(CancellationToken stoppingToken)
    {
        // Read at start, before this service starts; without it no record can be told to belong here.
        if (database.Id is not { } current)
        {
            return 0;
        }

        var replayed = 0;
        var heldCalls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in journal.Pending())
        {
            if (!record.BelongsTo(current))
            {
                await SetAsideForeignAsync(record, current, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var callSid = record.Field("CallSid") ?? record.Field("MessageSid") ?? record.Id;
            if (heldCalls.Contains(callSid))
            {
                continue;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            attempt.CancelAfter(AttemptTimeout);
            try
            {
                await replay.RunAsync(record, attempt.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any failure means "not yet": the record stays and is tried again on the next tick.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                // Slow is not refused: a record that ran out of time waits like the rest.
                if (attempt.IsCancellationRequested || e is TimeoutException || !await DatabaseAnswersAsync(stoppingToken).ConfigureAwait(false))
                {
                    LogStillFailing(logger, journal.PendingCount, e.GetType().Name);
                    break;
                }

                if (!await SetAsideIfDueAsync(record, e, stoppingToken).ConfigureAwait(false))
                {
                    heldCalls.Add(callSid);
                }

                continue;
            }

            failingSince.Remove(record.Id);
            await journal.MarkDoneAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
            replayed++;
        }

        if (replayed > 0)
        {
            LogReplayed(logger, replayed, journal.PendingCount);
        }

        return replayed;
    }

    /// <summary>True when the record was set aside (its call's later records may go on); false when it is held.</summary>
    private async Task<bool> SetAsideIfDueAsync(JournalRecord record, Exception failure, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var callSid = record.Field("CallSid");
        if (!failingSince.TryGetValue(record.Id, out var since))
        {
            failingSince[record.Id] = now;
            var reason = failure.GetType().Name;
            LogRecordFailing(logger, record.Route, callSid, reason, failure);
            return false;
        }

        if (now - since < options.Value.QuarantineAfter)
        {
            return false;
        }

        var detail = $"Journaled webhook refused by the database since {since:u} ({failure.GetType().Name}); set aside in {System.IO.Path.GetFileName(journal.QuarantinePath)}";
        await journal.QuarantineAsync(record, detail, CancellationToken.None).ConfigureAwait(false);
        failingSince.Remove(record.Id);
        var path = journal.QuarantinePath;
        LogSetAside(logger, record.Route, callSid, path);
        await errors.RecordAsync(WebhookErrorKind.Quarantined, record.Route, detail, stoppingToken, callSid, at: now).ConfigureAwait(false);
        return true;
    }

    private async Task SetAsideForeignAsync(JournalRecord record, string current, CancellationToken stoppingToken)
    {
        var file = System.IO.Path.GetFileName(journal.QuarantinePath);
        var reason = $"Journaled webhook written against database {record.Database}; this database is {current}. Set aside in {file} without replaying it: it belongs to the other database.";
        await journal.QuarantineAsync(record, reason, CancellationToken.None).ConfigureAwait(false);
        failingSince.Remove(record.Id);
        var callSid = record.Field("CallSid");
        LogSetAsideForeign(logger, record.Route, callSid, record.Database, current, journal.QuarantinePath);
        try
        {
            await errors.RecordAsync(WebhookErrorKind.Quarantined, record.Route, reason, stoppingToken, callSid, at: time.GetUtcNow()).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The record is safe in the quarantine file and logged; only its line on the Errors page is missing.
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogSetAsideNotListed(logger, record.Route, callSid, e.GetType().Name);
        }
    }

    private async Task<bool> DatabaseAnswersAsync(CancellationToken stoppingToken)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            var db = await contexts.CreateDbContextAsync(probe.Token).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                return await db.Database.CanConnectAsync(probe.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Whatever the reason, the database does not answer.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} journaled webhooks; {Pending} still pending")]
    private static partial void LogReplayed(ILogger logger, int count, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journaled webhooks cannot be replayed yet ({Reason}); {Pending} pending")]
    private static partial void LogStillFailing(ILogger logger, int pending, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journaled webhook {Route} for call {CallSid} fails while the database answers ({Reason}); the other calls' records go on")]
    private static partial void LogRecordFailing(ILogger logger, string route, string? callSid, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journaled webhook {Route} for call {CallSid} was written against database {RecordDatabase}, this database is {DatabaseId}: set aside in {Path} without replaying it")]
    private static partial void LogSetAsideForeign(ILogger logger, string route, string? callSid, string? recordDatabase, string databaseId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journaled webhook {Route} for call {CallSid} was set aside but could not be listed on the Errors page ({Reason})")]
    private static partial void LogSetAsideNotListed(ILogger logger, string route, string? callSid, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Journaled webhook {Route} for call {CallSid} set aside in {Path}: the database kept refusing it")]
    private static partial void LogSetAside(ILogger logger, string route, string? callSid, string path);
}
