using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telephony.Data.Infrastructure;
using Telephony.Data.RateLimiting;

namespace Telephony.Data.Calls;

/// <summary>A call reaching the front door: its row, and the caller's rate limit to count it against.</summary>
public sealed record FrontDoorEntry(NewCall Call, string RateLimitKey, int LimitPerMinute, DateTimeOffset Now);

/// <summary>What the front door stored: whether the caller was admitted, and whether the call row is new.</summary>
public readonly record struct FrontDoorOutcome(bool Admitted, bool Created, int Count);

/// <summary>
/// Group commit for the front door, the hottest write of a burst. Concurrent front doors queue here and are written
/// together: one command counts every caller against the limit, one query finds calls already stored (Twilio retried),
/// and one <c>SaveChanges</c> inserts the calls, their events and the violations in one transaction with one change
/// notice. Each request waits for its batch to commit, so an answer never outruns its row. A batch that fails is
/// written again entry by entry, so one bad row fails only its own request (which the caller then journals).
/// </summary>
public sealed partial class FrontDoorWriter : IAsyncDisposable
{
    /// <summary>Entries per batch: enough to amortise round trips, few enough to keep every statement small.</summary>
    public const int MaxBatch = 64;

    private readonly IDbContextFactory<TelephonyDbContext> contextFactory;
    private readonly RateLimitStore rateLimits;
    private readonly ILogger<FrontDoorWriter> logger;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] writers;

    public FrontDoorWriter(IDbContextFactory<TelephonyDbContext> contextFactory, RateLimitStore rateLimits, DatabaseSettings settings, ILogger<FrontDoorWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.contextFactory = contextFactory;
        this.rateLimits = rateLimits;
        this.logger = logger;

        // PostgreSQL takes a second batch while one commits; SQLite has one writer per file anyway.
        writers = [.. Enumerable.Range(0, settings.Provider == DatabaseProvider.Postgres ? 2 : 1).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>Counts the caller, stores the call (unless it exists) and returns once committed.</summary>
    public Task<FrontDoorOutcome> WriteAsync(FrontDoorEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new Pending(entry, cancellationToken);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);

        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(writers).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                // A request that gave up (its budget ran out) has journaled its webhook; the replay stores it.
                if (!pending.IsCanceled)
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                try
                {
                    await WriteAsync(batch).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The loop outlives any one batch; its requests must not wait for ever.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    batch.ForEach(p => p.Fail(e));
                }
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        int[] counts;
        try
        {
            counts = await CountAsync(batch).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every failure goes back to its own request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, "count", batch.Count, e.GetType().Name);
            batch.ForEach(p => p.Fail(e));
            return;
        }

        var decided = batch.Select((p, i) => (Pending: p, Count: counts[i])).ToList();
        try
        {
            await InsertAsync(decided).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // Written again one by one below; each request gets its own outcome.
        catch (Exception e) when (batch.Count > 1)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, "insert", batch.Count, e.GetType().Name);
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            batch[0].Fail(e);
            return;
        }

        foreach (var one in decided)
        {
            try
            {
                await InsertAsync([one]).ConfigureAwait(false);
            }
#pragma warning disable CA1031
            catch (Exception e)
#pragma warning restore CA1031
            {
                one.Pending.Fail(e);
            }
        }
    }

    private async Task<int[]> CountAsync(List<Pending> batch)
    {
        var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var keys = batch.Select(p => (p.Entry.RateLimitKey, RateLimitStore.WindowStartFor(p.Entry.Now))).ToList();
            return await rateLimits.IncrementManyAsync(db, keys, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task InsertAsync(List<(Pending Pending, int Count)> decided)
    {
        for (var attempt = 1; ; attempt++)
        {
            var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var sids = decided.Select(d => d.Pending.Entry.Call.CallSid).Distinct().ToList();
                var existing = (await db.Calls.AsNoTracking().Where(c => sids.Contains(c.CallSid)).Select(c => c.CallSid)
                    .ToListAsync().ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                var outcomes = new List<FrontDoorOutcome>(decided.Count);
                foreach (var (pending, count) in decided)
                {
                    var entry = pending.Entry;
                    var admitted = count <= entry.LimitPerMinute;
                    if (!admitted)
                    {
                        db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = entry.RateLimitKey, CallSid = entry.Call.CallSid, At = entry.Now.ToUniversalTime() });
                    }

                    // The first of several entries for one call (Twilio retried inside a batch) creates it.
                    var created = existing.Add(entry.Call.CallSid);
                    if (created)
                    {
                        var call = admitted ? entry.Call : NewCall.Refused(entry.Call);
                        CallStore.AddFrontDoorRows(db, call, entry.Call.At ?? entry.Now);
                    }

                    outcomes.Add(new FrontDoorOutcome(admitted, created, count));
                }

                try
                {
                    await db.SaveChangesAsync().ConfigureAwait(false);
                }
                catch (DbUpdateException e) when (decided.Count == 1 && attempt == 1 && DbErrors.IsUniqueViolation(e))
                {
                    continue; // Stored by another instance since our read: the next attempt sees it and adds only the violation.
                }

                for (var i = 0; i < decided.Count; i++)
                {
                    decided[i].Pending.Complete(outcomes[i]);
                }

                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Front-door batch of {Count} failed at {Stage} ({Reason}); writing its entries one by one")]
    private static partial void LogBatchFailed(ILogger logger, string stage, int count, string reason);

    private sealed class Pending
    {
        private readonly TaskCompletionSource<FrontDoorOutcome> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration registration;

        public Pending(FrontDoorEntry entry, CancellationToken cancellationToken)
        {
            Entry = entry;
            registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        public FrontDoorEntry Entry { get; }

        public Task<FrontDoorOutcome> Task => completion.Task;

        public bool IsCanceled => completion.Task.IsCanceled;

        public void Complete(FrontDoorOutcome outcome)
        {
            registration.Dispose();
            completion.TrySetResult(outcome);
        }

        public void Fail(Exception exception)
        {
            registration.Dispose();
            completion.TrySetException(exception);
        }
    }
}
