using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Calls;

/// <summary>
/// Group commit for the webhooks of a call after its front door: status callbacks of every leg, the menu, dial results,
/// recordings. Concurrent units of <see cref="CallWork"/> are decided together on their loaded rows and stored with one
/// transaction and one change notice. On PostgreSQL a batch is two round trips (<see cref="PostgresCallBatch"/>);
/// otherwise, and when that fails, one EF Core query loads the batch's calls and one <c>SaveChanges</c> stores them. When a
/// shared save fails (another instance changed a call meanwhile, a leg created twice), nothing of it is kept and each unit
/// runs again alone through <see cref="CallStore.ApplyAsync(CallWork, CancellationToken)"/>, which retries on fresh rows.
/// </summary>
public sealed partial class CallWriter : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly IDbContextFactory<TelephonyDbContext> contextFactory;
    private readonly CallStore calls;
    private readonly DatabaseSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger<CallWriter> logger;
    private readonly GroupCommit<CallWork, CallWorkResult> commits;

    public CallWriter(IDbContextFactory<TelephonyDbContext> contextFactory, CallStore calls, DatabaseSettings settings, TimeProvider time, ILogger<CallWriter> logger)
    {
        this.contextFactory = contextFactory;
        this.calls = calls;
        this.settings = settings;
        this.time = time;
        this.logger = logger;
        // PostgreSQL takes a second batch while one waits on its round trips (one or two measure the same); SQLite has one
        // writer per file anyway.
        commits = new(settings.Provider == DatabaseProvider.Postgres ? 2 : 1, MaxBatch, WriteAsync);
    }

    /// <summary>Runs the unit with the others of the moment and returns once it is committed.</summary>
    public Task<CallWorkResult> WriteAsync(CallWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return commits.WriteAsync(work, cancellationToken);
    }

    /// <summary>Applies a status callback (<see cref="CallRules.ApplyStatus"/>) and returns once it is committed.</summary>
    public async Task<StatusApplyOutcome> ApplyAsync(CallStatusUpdate update, CancellationToken cancellationToken) =>
        (await WriteAsync(CallWork.Status(update), cancellationToken).ConfigureAwait(false)).Status!.Value;

    public ValueTask DisposeAsync() => commits.DisposeAsync();

    private async Task WriteAsync(IReadOnlyList<GroupCommitItem<CallWork, CallWorkResult>> batch)
    {
        if (settings.Provider == DatabaseProvider.Postgres || batch.Count > 1)
        {
            try
            {
                var work = batch.Select(item => item.Entry).ToList();
                var results = settings.Provider == DatabaseProvider.Postgres
                    ? await PostgresCallBatch.WriteAsync(settings.ConnectionString, work, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false)
                    : await WriteTogetherAsync(work).ConfigureAwait(false);
                batch.Complete(results);
                return;
            }
#pragma warning disable CA1031 // Nothing of the shared write was kept: each unit runs again alone below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogBatchFailed(logger, batch.Count, e);
            }
        }

        foreach (var item in batch)
        {
            try
            {
                item.Complete(await calls.ApplyAsync(item.Entry, CancellationToken.None).ConfigureAwait(false));
            }
#pragma warning disable CA1031
            catch (Exception e)
#pragma warning restore CA1031
            {
                item.Fail(e);
            }
        }
    }

    private async Task<CallWorkResult[]> WriteTogetherAsync(IReadOnlyList<CallWork> work)
    {
        var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await EfCallRows.LoadAsync(db, work, CancellationToken.None).ConfigureAwait(false);
            var rows = new EfCallRows(db);
            var now = time.GetUtcNow();
            var results = work.Select(w => w.Decide(rows, now)).ToArray();
            await db.SaveChangesAsync().ConfigureAwait(false);
            return results;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call batch of {Count} not written together; writing each alone")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
