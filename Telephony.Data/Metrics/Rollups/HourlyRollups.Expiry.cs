using Microsoft.EntityFrameworkCore;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// Retention of call detail (<c>Retention:CallDays</c>, <c>docs/adr/0014-call-detail-retention.md</c>): the calls, their
/// legs and their timelines go only once their hours are folded, and those hours are never counted again.
/// </summary>
public sealed partial class HourlyRollups
{
    /// <summary>
    /// Deletes the calls (parents and transfer legs) created before <paramref name="before"/>, with their timelines,
    /// holding the rollup lease so that no pass counts an hour while its calls go. Only whole hours already folded
    /// are deleted (before <see cref="RollupState.FoldedThrough"/>); <see cref="RollupState.DetailDeletedBefore"/>
    /// is moved first, so their rows are final even if the deletion stops half way (the next run finishes it).
    /// </summary>
    /// <param name="before">The retention cut-off; rounded down to the hour.</param>
    /// <param name="batchSize">Calls per step, and timeline events per statement; each statement is its own short transaction.</param>
    /// <param name="budget">A run stops starting new steps after this long and gives the lease back to the passes; the next run goes on.</param>
    /// <returns>What went; <see cref="CallExpiry.Skipped"/> when a pass or another instance's expiry holds the lease.</returns>
    public async Task<CallExpiry> ExpireCallsAsync(DateTimeOffset before, int batchSize, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (Interlocked.Exchange(ref running, 1) == 1)
        {
            return CallExpiry.Skipped;
        }

        try
        {
            var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                if (!await TryTakeLeaseAsync(db, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    return CallExpiry.Skipped;
                }

                try
                {
                    return await ExpireLeasedAsync(db, before, batchSize, budget, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await ReleaseLeaseAsync(db).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    private async Task<CallExpiry> ExpireLeasedAsync(TelephonyDbContext db, DateTimeOffset before, int batchSize, TimeSpan budget, CancellationToken cancellationToken)
    {
        var state = await db.Set<RollupState>().AsNoTracking().SingleAsync(s => s.Id == RollupState.SingletonId, cancellationToken).ConfigureAwait(false);
        if (state.FoldedThrough is not { } folded || !state.CountedWith(options))
        {
            // Not folded yet (or a rebuild is due): deleting now would lose the counts.
            return new CallExpiry(true, 0, 0, true, state.DetailDeletedBefore);
        }

        var cutoff = HourMath.Floor(before) < folded ? HourMath.Floor(before) : folded;
        if (state.DetailDeletedBefore is { } earlier && earlier > cutoff)
        {
            cutoff = earlier; // A longer retention now: what was declared deleted stays so, and its leftovers go.
        }
        else if (state.DetailDeletedBefore != cutoff)
        {
            await InTransactionAsync(db, () => db.Set<RollupState>().Where(s => s.Id == RollupState.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DetailDeletedBefore, cutoff), cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var started = timeProvider.GetTimestamp();
        var postgres = db.Database.IsNpgsql();
        if (postgres && await DropExpiredPartitionsAsync(db, cutoff, batchSize, cancellationToken).ConfigureAwait(false) is null)
        {
            return new CallExpiry(true, 0, 0, false, cutoff); // a drop could not take its lock: the next run goes on
        }

        // On PostgreSQL a month goes with its partition, once wholly past the cut-off; rows go one by one only from
        // the legacy partition (calls stored before the tables were partitioned). SQLite deletes up to the cut-off.
        var rowCutoff = postgres ? await RowCutoffAsync(db, cutoff, cancellationToken).ConfigureAwait(false) : cutoff;

        int calls = 0, events = 0;
        while (true)
        {
            // Oldest first, on the (CreatedAt, CallSid) index; legs by their own creation time.
            var sids = await db.Calls.AsNoTracking().Where(c => c.CreatedAt < rowCutoff)
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.CallSid).Select(c => c.CallSid).Take(batchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (sids.Count == 0)
            {
                var complete = !postgres || await DeleteReleasedSidsAsync(db, rowCutoff, batchSize, started, budget, cancellationToken).ConfigureAwait(false);
                return new CallExpiry(true, calls, events, complete, cutoff);
            }

            // The timeline first, a batch of events per statement (the foreign key would cascade, but in one unbounded statement).
            int deleted;
            do
            {
                deleted = 0;
                await InTransactionAsync(db, async () => deleted = await db.CallEvents
                    .Where(e => db.CallEvents.Where(x => sids.Contains(x.CallSid)).OrderBy(x => x.Id).Select(x => x.Id).Take(batchSize).Contains(e.Id))
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                events += deleted;
            }
            while (deleted == batchSize);

            await InTransactionAsync(db, async () => calls += await db.Calls.Where(c => sids.Contains(c.CallSid) && c.CreatedAt < rowCutoff)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (timeProvider.GetElapsedTime(started) >= budget)
            {
                var more = await db.Calls.AsNoTracking().AnyAsync(c => c.CreatedAt < rowCutoff, cancellationToken).ConfigureAwait(false);
                return new CallExpiry(true, calls, events, !more, cutoff);
            }
        }
    }
}
