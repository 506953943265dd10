using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Calls;

/// <summary>
/// Group commit for status callbacks, the most frequent webhook of a call (every leg reports several). Concurrent
/// callbacks are applied together: one query loads their calls and parents, each is decided in order on the tracked rows
/// (a call never moves backwards, as in <see cref="CallStore.ApplyStatusAsync"/>), and one <c>SaveChanges</c> stores them
/// with one change notice. When the shared save fails (another instance changed a call meanwhile, a leg created twice),
/// nothing of it is kept and each callback is applied again alone through <see cref="CallStore.ApplyStatusAsync"/>,
/// which retries on fresh data.
/// </summary>
public sealed partial class CallStatusWriter : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly IDbContextFactory<TelephonyDbContext> contextFactory;
    private readonly CallStore calls;
    private readonly ILogger<CallStatusWriter> logger;
    private readonly GroupCommit<CallStatusUpdate, StatusApplyOutcome> commits;

    public CallStatusWriter(IDbContextFactory<TelephonyDbContext> contextFactory, CallStore calls, DatabaseSettings settings, ILogger<CallStatusWriter> logger)
    {
        this.contextFactory = contextFactory;
        this.calls = calls;
        this.logger = logger;
        // PostgreSQL takes a second batch while one commits (several round trips each); SQLite has one writer per file anyway.
        commits = new(settings.Provider == DatabaseProvider.Postgres ? 2 : 1, MaxBatch, WriteAsync);
    }

    /// <summary>Applies a status callback and returns once it is committed.</summary>
    public Task<StatusApplyOutcome> ApplyAsync(CallStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return commits.WriteAsync(update, cancellationToken);
    }

    public ValueTask DisposeAsync() => commits.DisposeAsync();

    private async Task WriteAsync(IReadOnlyList<GroupCommitItem<CallStatusUpdate, StatusApplyOutcome>> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                var outcomes = await ApplyTogetherAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(outcomes[i]);
                }

                return;
            }
#pragma warning disable CA1031 // Nothing of the shared save was kept: each callback is applied again alone below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var reason = e.GetType().Name;
                LogBatchFailed(logger, batch.Count, reason);
            }
        }

        foreach (var item in batch)
        {
            try
            {
                item.Complete(await calls.ApplyStatusAsync(item.Entry, CancellationToken.None).ConfigureAwait(false));
            }
#pragma warning disable CA1031
            catch (Exception e)
#pragma warning restore CA1031
            {
                item.Fail(e);
            }
        }
    }

    private async Task<List<StatusApplyOutcome>> ApplyTogetherAsync(IReadOnlyList<GroupCommitItem<CallStatusUpdate, StatusApplyOutcome>> batch)
    {
        var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // One read for every call and parent the batch touches; later lookups find them tracked.
            var sids = batch.SelectMany(i => new[] { i.Entry.CallSid, i.Entry.ParentCallSid }).OfType<string>().Distinct().ToList();
            await db.Calls.Where(c => sids.Contains(c.CallSid)).LoadAsync().ConfigureAwait(false);

            var outcomes = new List<StatusApplyOutcome>(batch.Count);
            foreach (var item in batch)
            {
                outcomes.Add(await calls.ApplyStatusInContextAsync(db, item.Entry, CancellationToken.None).ConfigureAwait(false));
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
            return outcomes;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Status batch of {Count} not saved together ({Reason}); applying each alone")]
    private static partial void LogBatchFailed(ILogger logger, int count, string reason);
}
