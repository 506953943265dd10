using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Telephony.Data.Errors;
using Telephony.Data.Infrastructure;
using Telephony.Web.Journal;
using Telephony.Web.Telemetry;

namespace Telephony.Web.Twilio;

/// <summary>
/// Runs a webhook's database work inside a time budget. When the database is down or slow the work is abandoned,
/// the failure is remembered, and the caller still gets an answer: TwiML never waits on a dead database. A webhook's
/// writes (<see cref="StoreAsync"/>) that fail are journaled to local disk before the answer goes out, and replayed later.
/// </summary>
public sealed partial class WebhookGuard(
    IOptions<HotlineOptions> options, WebhookJournal journal, DatabaseIdentity database, TimeProvider time, ILogger<WebhookGuard> logger)
{
    /// <summary>This app instance, as journal records and the journal's admin answers name it.</summary>
    internal static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    private const int MaxDeferred = 10_000;
    private readonly ConcurrentQueue<DeferredFailure> deferred = new();

    /// <summary>True when <paramref name="work"/> finished within the budget.</summary>
    public async Task<bool> TryAsync(string operation, Func<CancellationToken, Task> work, string? callSid)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.DatabaseBudgetMilliseconds), time);
        using var wait = DatabaseWait.Start();
        try
        {
            await work(budget.Token).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // Any failure here must degrade to "answer without the database", never to a 5xx.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var reason = budget.IsCancellationRequested ? "timed out" : e.GetType().Name;
            LogFailed(logger, operation, callSid, reason, e);
            if (deferred.Count < MaxDeferred)
            {
                deferred.Enqueue(new DeferredFailure(WebhookErrorKind.DatabaseFailure, operation, callSid, reason, time.GetUtcNow()));
            }

            return false;
        }
    }

    /// <summary>
    /// Queues an entry for the webhook log without touching the database on the request's path: the flusher writes it
    /// within seconds, or once the database is back. Never throws and never waits.
    /// </summary>
    internal void RecordLater(WebhookErrorKind kind, string route, string? callSid, string detail)
    {
        if (deferred.Count < MaxDeferred)
        {
            deferred.Enqueue(new DeferredFailure(kind, route, callSid, detail, time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Runs the route's unit of work, <paramref name="store"/>, given the record of the webhook (the verified form, the
    /// query and the <paramref name="facts"/> the answer depended on). When it fails, the record is written to the journal
    /// (on disk) before this returns, so the answer that follows never outruns the record of what Twilio sent; the journal
    /// replays it through the same unit (<see cref="WebhookReplay"/>).
    /// </summary>
    public async Task StoreAsync(
        HttpContext http, string route, string? callSid, Func<JournalRecord, CancellationToken, Task> store, params (string Key, string Value)[] facts)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(store);
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in http.Request.Query)
        {
            context[key] = value.ToString();
        }

        foreach (var (key, value) in facts)
        {
            context[key] = value;
        }

        // Whole milliseconds: every database stores that exactly, so a replay finds what the first attempt wrote.
        var now = time.GetUtcNow();
        var receivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        // Stamped with the database it belongs to: a journal left behind is never replayed into another one.
        var record = new JournalRecord(Guid.NewGuid().ToString("N"), route, receivedAt, Instance, [.. TwilioForm.Of(http)], context) { Database = database.Id };
        if (await TryAsync(route, ct => store(record, ct), callSid).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await journal.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
            WebhookOutcome.MarkJournaled(http);
            LogJournaled(logger, route, callSid, journal.PendingCount);
        }
#pragma warning disable CA1031 // A full or broken disk must not turn into a 5xx for Twilio; the loss is logged loudly.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogJournalFailed(logger, route, callSid, e);
        }
    }

    /// <summary>Failures that could not be written when they happened; the flusher stores them once the database is back.</summary>
    internal bool TryTakeDeferred(out DeferredFailure failure) => deferred.TryDequeue(out failure!);

    internal void Requeue(DeferredFailure failure) => deferred.Enqueue(failure);

    internal int DeferredCount => deferred.Count;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Route} for call {CallSid} journaled for replay ({Pending} pending)")]
    private static partial void LogJournaled(ILogger logger, string route, string? callSid, int pending);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Webhook {Route} for call {CallSid} could not be journaled: its data is lost")]
    private static partial void LogJournalFailed(ILogger logger, string route, string? callSid, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook database work '{Operation}' for call {CallSid} failed ({Reason}); answered without it")]
    private static partial void LogFailed(ILogger logger, string operation, string? callSid, string reason, Exception exception);
}

/// <summary>A failure during a webhook (a database failure, an exception the safety net answered), to be logged later.</summary>
internal sealed record DeferredFailure(WebhookErrorKind Kind, string Operation, string? CallSid, string Reason, DateTimeOffset At);

/// <summary>Writes deferred failures to the webhook error log, at once or when the database answers again.</summary>
internal sealed partial class DeferredFailureFlusher(WebhookGuard guard, WebhookErrorStore errors, TimeProvider time, ILogger<DeferredFailureFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            while (guard.TryTakeDeferred(out var failure))
            {
                try
                {
                    await errors.RecordAsync(failure.Kind, failure.Operation, failure.Reason, stoppingToken, failure.CallSid, at: failure.At).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Still down: keep it for the next tick.
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    guard.Requeue(failure);
                    LogStillDown(logger, guard.DeferredCount, e.GetType().Name);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database still unavailable; {Count} webhook failures wait to be recorded ({Reason})")]
    private static partial void LogStillDown(ILogger logger, int count, string reason);
}
