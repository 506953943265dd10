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
/// together (<see cref="GroupCommit{TEntry, TResult}"/>). On PostgreSQL a batch is one prepared statement
/// (<see cref="PostgresFrontDoorBatch"/>). Otherwise, and when that statement fails, EF Core writes it: one command counts
/// every caller against the limit, one query finds calls already stored (Twilio retried), and one <c>SaveChanges</c>
/// inserts the calls, their events and the violations in one transaction with one change notice. Each request waits for
/// its batch to commit, so an answer never outruns its row. A batch whose inserts fail is written again entry by entry, so
/// one bad row fails only its own request (which the caller then journals).
/// </summary>
public sealed partial class FrontDoorWriter : IAsyncDisposable
{
    /// <summary>Entries per batch: enough to amortise round trips, few enough to keep every statement small.</summary>
    public const int MaxBatch = 64;

    private readonly IDbContextFactory<TelephonyDbContext> contextFactory;
    private readonly RateLimitStore rateLimits;
    private readonly DatabaseSettings settings;
    private readonly ILogger<FrontDoorWriter> logger;
    private readonly GroupCommit<FrontDoorEntry, FrontDoorOutcome> commits;

    public FrontDoorWriter(IDbContextFactory<TelephonyDbContext> contextFactory, RateLimitStore rateLimits, DatabaseSettings settings, ILogger<FrontDoorWriter> logger)
    {
        this.contextFactory = contextFactory;
        this.rateLimits = rateLimits;
        this.settings = settings;
        this.logger = logger;
        // One writer: on PostgreSQL a batch is one statement, so a second writer only splits the queue into smaller
        // batches that cost more per call (in the benchmark, two writers serve fewer front doors a second than one, and
        // PostgreSQL spends more CPU on each); SQLite has one writer per file.
        commits = new(writerCount: 1, MaxBatch, WriteAsync);
    }

    /// <summary>Counts the caller, stores the call (unless it exists) and returns once committed.</summary>
    public Task<FrontDoorOutcome> WriteAsync(FrontDoorEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return commits.WriteAsync(entry, cancellationToken);
    }

    public ValueTask DisposeAsync() => commits.DisposeAsync();

    private async Task WriteAsync(IReadOnlyList<GroupCommitItem<FrontDoorEntry, FrontDoorOutcome>> batch)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            try
            {
                var outcomes = await PostgresFrontDoorBatch.WriteAsync(settings.ConnectionString, [.. batch.Select(item => item.Entry)], CancellationToken.None).ConfigureAwait(false);
                batch.Complete(outcomes);
                return;
            }
#pragma warning disable CA1031 // Written again below, so each request still gets its own outcome.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // One statement, one transaction: nothing was stored, and the EF Core path below writes the batch again.
                // (Only a connection lost between the commit and its answer would leave the batch stored; its callers would
                // then be counted twice for this minute, and their calls found as already stored.)
                LogStatementFailed(logger, batch.Count, e.GetType().Name);
            }
        }

        // The counts commit on their own: if this fails, nobody was counted and every request hears it.
        var counts = await CountAsync(batch).ConfigureAwait(false);
        var decided = batch.Select((item, i) => (Item: item, Count: counts[i])).ToList();
        try
        {
            await InsertAsync(decided).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // Written again one by one below; each request gets its own outcome.
        catch (Exception e) when (batch.Count > 1)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, batch.Count, e.GetType().Name);
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
                one.Item.Fail(e);
            }
        }
    }

    private async Task<int[]> CountAsync(IReadOnlyList<GroupCommitItem<FrontDoorEntry, FrontDoorOutcome>> batch)
    {
        var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var keys = batch.Select(p => (p.Entry.RateLimitKey, RateLimitStore.WindowStartFor(p.Entry.Now))).ToList();
            return await rateLimits.IncrementManyAsync(db, keys, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task InsertAsync(List<(GroupCommitItem<FrontDoorEntry, FrontDoorOutcome> Item, int Count)> decided)
    {
        for (var attempt = 1; ; attempt++)
        {
            var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var sids = decided.Select(d => d.Item.Entry.Call.CallSid).Distinct().ToList();
                var existing = (await db.Calls.AsNoTracking().Where(c => sids.Contains(c.CallSid)).Select(c => c.CallSid)
                    .ToListAsync().ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                var outcomes = new List<FrontDoorOutcome>(decided.Count);
                foreach (var (item, count) in decided)
                {
                    var entry = item.Entry;
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
                    decided[i].Item.Complete(outcomes[i]);
                }

                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Front-door statement for {Count} entries failed ({Reason}); writing them through EF Core")]
    private static partial void LogStatementFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Front-door batch of {Count} failed ({Reason}); writing its entries one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string reason);
}
