using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// Folds the parent calls of each complete UTC hour into <see cref="CallHourRollup"/> rows, so the console's long
/// windows read a few rows per hour instead of every call (<c>docs/adr/0009-hourly-rollups.md</c>).
/// </summary>
/// <remarks>
/// <para>
/// A pass folds the hours from <see cref="RollupState.FoldedThrough"/> up to the current hour less
/// <see cref="SafetyMargin"/>, and counts again every folded hour whose calls changed since the last pass looked
/// (with <see cref="ChangeOverlap"/> to spare): a call's row updated (<c>UpdatedAt</c>, which also catches a call
/// created late, e.g. by a replayed webhook), a transfer leg of it updated, a consent decision recorded for it, or a
/// recording event added to its timeline. An hour is counted from scratch, in one transaction that replaces its rows,
/// so a pass can be repeated or interrupted at any point.
/// </para>
/// <para>
/// One pass at a time across all instances: a pass holds a lease on the state row (taken by a conditional update,
/// renewed in every write transaction, which fails if another instance has taken it), and a pass that finds it
/// held does nothing.
/// </para>
/// <para>
/// Rows are counted with <paramref name="metricsOptions"/> (the app's configured thresholds, or
/// <see cref="CallMetricsOptions.Default"/>), recorded in <see cref="RollupState"/>. A pass that finds the rows counted
/// with other thresholds counts again every hour whose calls are still there; the hours whose calls retention deleted
/// keep the rows they had (<c>docs/adr/0016-service-level-threshold.md</c>).
/// </para>
/// </remarks>
public sealed partial class HourlyRollups(
    IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider, CallMetricsOptions? metricsOptions = null)
{
    /// <summary>An hour is folded once it ended this long ago; later changes to it are folded again anyway.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromMinutes(2);

    /// <summary>How far before the last pass's start a pass looks for changes: commits that landed late, clock skew between instances.</summary>
    public static readonly TimeSpan ChangeOverlap = TimeSpan.FromMinutes(10);

    /// <summary>How long a pass may hold the lease without renewing it.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(5);

    private const int HoursPerTransaction = 24;
    private const int SidsPerQuery = 500;

    private static readonly CallStatus[] AllStatuses = Enum.GetValues<CallStatus>();

    private readonly Guid owner = Guid.NewGuid();

    private readonly CallMetricsOptions options = metricsOptions ?? CallMetricsOptions.Default;

    /// <summary>1 while a pass of this instance runs: the lease is per instance, so a second pass of the same instance skips too.</summary>
    private int running;

    /// <summary>One pass: new complete hours and changed hours. Does nothing when another pass holds the lease.</summary>
    public Task<RollupPass> RunPassAsync(CancellationToken cancellationToken = default) => RunPassAsync(null, cancellationToken);

    /// <summary>
    /// Counts again the folded hours of <c>[from, to)</c>, then runs a pass; waits for the lease (up to
    /// <see cref="LeaseTime"/>). For rows written with an <c>UpdatedAt</c> in the past, which passes do not see as
    /// changes: a bulk load (the <c>seed</c> command).
    /// </summary>
    public async Task<RollupPass> RefoldAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var giveUp = timeProvider.GetUtcNow() + LeaseTime + TimeSpan.FromMinutes(1);
        while (true)
        {
            var pass = await RunPassAsync((HourMath.Floor(from), HourMath.Ceiling(to)), cancellationToken).ConfigureAwait(false);
            if (pass.Ran || timeProvider.GetUtcNow() > giveUp)
            {
                return pass;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RollupPass> RunPassAsync((DateTimeOffset From, DateTimeOffset To)? refold, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref running, 1) == 1)
        {
            return RollupPass.Skipped;
        }

        try
        {
            return await RunLeasedPassAsync(refold, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    private async Task<RollupPass> RunLeasedPassAsync((DateTimeOffset From, DateTimeOffset To)? refold, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (!await TryTakeLeaseAsync(db, now, cancellationToken).ConfigureAwait(false))
            {
                return RollupPass.Skipped;
            }

            try
            {
                return await FoldAsync(db, now, refold, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ReleaseLeaseAsync(db).ConfigureAwait(false);
            }
        }
    }

    private async Task ReleaseLeaseAsync(TelephonyDbContext db) => await db.Set<RollupState>()
        .Where(s => s.Id == RollupState.SingletonId && s.LeaseOwner == owner)
        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, (Guid?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None)
        .ConfigureAwait(false);

    private async Task<RollupPass> FoldAsync(
        TelephonyDbContext db, DateTimeOffset now, (DateTimeOffset From, DateTimeOffset To)? refold, CancellationToken cancellationToken)
    {
        var state = await db.Set<RollupState>().AsNoTracking().SingleAsync(s => s.Id == RollupState.SingletonId, cancellationToken).ConfigureAwait(false);
        var folded = state.FoldedThrough;
        var eventCursor = state.RecordingEventCursor;
        var changed = new SortedSet<DateTimeOffset>();
        var target = HourMath.Floor(now - SafetyMargin);
        DateTimeOffset? recountedFrom = null;
        if (folded is null || !state.CountedWith(options))
        {
            // First pass, or rows counted with other thresholds (the configuration changed): start again from the first
            // call there is, with this instance's thresholds. Changes from now on are seen by the next pass. The rows of
            // hours whose calls retention deleted cannot be counted again: they stay as they are, counted with the
            // thresholds of their time (a rebuild after the state row was removed finds them before the first call).
            var first = await FirstHourAsync(db, cancellationToken).ConfigureAwait(false) ?? target;
            var lastOrphan = await db.Set<CallHourRollup>().AsNoTracking().Where(r => r.HourStart < first).OrderByDescending(r => r.HourStart)
                .Select(r => (DateTimeOffset?)r.HourStart).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var expired = Later(state.DetailDeletedBefore, lastOrphan?.AddHours(1));
            var restart = Later(first, expired)!.Value;
            recountedFrom = folded is null ? null : restart;
            folded = restart;
            eventCursor = await db.CallEvents.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
            await InTransactionAsync(db, async () =>
            {
                await db.Set<CallHourRollup>().Where(r => r.HourStart >= restart).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await db.Set<RollupState>().Where(s => s.Id == RollupState.SingletonId).ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.FoldedThrough, restart)
                        .SetProperty(x => x.DetailDeletedBefore, expired)
                        .SetProperty(x => x.ServiceLevelThresholdTicks, options.ServiceLevelThreshold.Ticks)
                        .SetProperty(x => x.ShortAbandonTicks, options.ShortAbandon.Ticks),
                    cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var since = (state.ChangesCheckedAt ?? now) - ChangeOverlap;
            foreach (var hour in await ChangedHoursAsync(db, since, folded.Value, cancellationToken).ConfigureAwait(false))
            {
                changed.Add(hour);
            }

            var (recorded, cursor) = await RecordedHoursAsync(db, eventCursor, now - ChangeOverlap, folded.Value, cancellationToken).ConfigureAwait(false);
            changed.UnionWith(recorded);
            eventCursor = cursor;
            if (refold is var (from, to))
            {
                for (var hour = from; hour < to && hour < folded.Value; hour = hour.AddHours(1))
                {
                    changed.Add(hour);
                }
            }

            // Hours whose calls retention deleted keep the rows they had: counting them again would count nothing.
            if (state.DetailDeletedBefore is { } deletedBefore)
            {
                changed.RemoveWhere(hour => hour < deletedBefore);
            }
        }

        var count = 0;
        foreach (var (from, to) in Runs(changed))
        {
            await FoldHoursAsync(db, from, to, advance: false, cancellationToken).ConfigureAwait(false);
            count += (int)((to - from).Ticks / TimeSpan.TicksPerHour);
        }

        var start = folded.Value;
        for (var from = start; from < target; from = from.AddHours(HoursPerTransaction))
        {
            var to = from.AddHours(HoursPerTransaction) < target ? from.AddHours(HoursPerTransaction) : target;
            await FoldHoursAsync(db, from, to, advance: true, cancellationToken).ConfigureAwait(false);
            count += (int)((to - from).Ticks / TimeSpan.TicksPerHour);
        }

        var through = start < target ? target : start;
        await InTransactionAsync(db, () => db.Set<RollupState>().Where(s => s.Id == RollupState.SingletonId).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.FoldedThrough, through)
                .SetProperty(x => x.ChangesCheckedAt, now)
                .SetProperty(x => x.RecordingEventCursor, eventCursor),
            cancellationToken), cancellationToken).ConfigureAwait(false);
        return new RollupPass(true, count, through, recountedFrom);
    }

    /// <summary>Counts the hours of <c>[from, to)</c> from their calls and replaces their rows; moves FoldedThrough to <paramref name="to"/> when <paramref name="advance"/>.</summary>
    private async Task FoldHoursAsync(TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to, bool advance, CancellationToken cancellationToken)
    {
        // Read before the write transaction: on SQLite the transaction holds the one write lock.
        var rows = await HourRollupBuilder.BuildAsync(db, from, to, options, cancellationToken).ConfigureAwait(false);
        await InTransactionAsync(db, async () =>
        {
            await db.Set<CallHourRollup>().Where(r => r.HourStart >= from && r.HourStart < to).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            db.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            if (advance)
            {
                await db.Set<RollupState>().Where(s => s.Id == RollupState.SingletonId).ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.FoldedThrough, to), cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction that first renews this pass's lease; throws if the lease was lost.</summary>
    private async Task InTransactionAsync(TelephonyDbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var until = timeProvider.GetUtcNow() + LeaseTime;
            var renewed = await db.Set<RollupState>()
                .Where(s => s.Id == RollupState.SingletonId && s.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, until), cancellationToken)
                .ConfigureAwait(false);
            if (renewed != 1)
            {
                throw new InvalidOperationException("The rollup lease was taken by another instance; this pass stops.");
            }

            await work().ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryTakeLeaseAsync(TelephonyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.Set<RollupState>().AnyAsync(s => s.Id == RollupState.SingletonId, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                db.Add(new RollupState());
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another instance created it first.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        var until = now + LeaseTime;
        using (await SqliteWriteGate.EnterAsync(db, cancellationToken).ConfigureAwait(false))
        {
            var taken = await db.Set<RollupState>()
                .Where(s => s.Id == RollupState.SingletonId && (s.LeaseUntil == null || s.LeaseUntil < now || s.LeaseOwner == owner))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, owner).SetProperty(x => x.LeaseUntil, until), cancellationToken)
                .ConfigureAwait(false);
            return taken == 1;
        }
    }

    /// <summary>Folded hours (before <paramref name="folded"/>) with a parent call, or a leg of one, updated since <paramref name="since"/>, or a consent decision recorded since.</summary>
    private static async Task<IReadOnlyCollection<DateTimeOffset>> ChangedHoursAsync(
        TelephonyDbContext db, DateTimeOffset since, DateTimeOffset folded, CancellationToken cancellationToken)
    {
        // Every status listed, so the (Status, UpdatedAt) index serves the range on UpdatedAt (one range per status).
        var updated = db.Calls.AsNoTracking().Where(c => EF.Constant(AllStatuses).Contains(c.Status) && c.UpdatedAt >= since);
        var hours = new HashSet<DateTimeOffset>();
        foreach (var createdAt in await updated.Where(c => c.ParentCallSid == null && c.CreatedAt < folded)
            .Select(c => c.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            hours.Add(HourMath.Floor(createdAt));
        }

        var parents = await updated.Where(c => c.ParentCallSid != null).Select(c => c.ParentCallSid!).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var decided = await db.ConsentRecords.AsNoTracking().Where(r => r.RecordedAt >= since).Select(r => r.CallSid).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        hours.UnionWith(await CreatedHoursAsync(db, parents.Concat(decided), folded, cancellationToken).ConfigureAwait(false));
        return hours;
    }

    /// <summary>
    /// Folded hours with a recording event after <paramref name="cursor"/> (recording callbacks add an event without
    /// touching the call's row), and the next cursor: the last event id older than <paramref name="settledBefore"/>,
    /// so that ids of transactions still open when this pass looked are read again by the next.
    /// </summary>
    private static async Task<(IReadOnlyCollection<DateTimeOffset> Hours, long Cursor)> RecordedHoursAsync(
        TelephonyDbContext db, long cursor, DateTimeOffset settledBefore, DateTimeOffset folded, CancellationToken cancellationToken)
    {
        var recorded = await db.CallEvents.AsNoTracking()
            .Where(e => e.Id > cursor && e.Kind == CallEventKinds.CallRecording)
            .Select(e => e.CallSid).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var settled = await db.CallEvents.AsNoTracking()
            .Where(e => e.Id > cursor && e.OccurredAt < settledBefore)
            .MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false);
        var hours = await CreatedHoursAsync(db, recorded, folded, cancellationToken).ConfigureAwait(false);
        return (hours, settled ?? cursor);
    }

    private static async Task<IReadOnlyCollection<DateTimeOffset>> CreatedHoursAsync(
        TelephonyDbContext db, IEnumerable<string> callSids, DateTimeOffset folded, CancellationToken cancellationToken)
    {
        var hours = new HashSet<DateTimeOffset>();
        foreach (var chunk in callSids.Distinct(StringComparer.Ordinal).Chunk(SidsPerQuery))
        {
            var created = await db.Calls.AsNoTracking()
                .Where(c => chunk.Contains(c.CallSid) && c.ParentCallSid == null && c.CreatedAt < folded)
                .Select(c => c.CreatedAt)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var createdAt in created)
            {
                hours.Add(HourMath.Floor(createdAt));
            }
        }

        return hours;
    }

    private static async Task<DateTimeOffset?> FirstHourAsync(TelephonyDbContext db, CancellationToken cancellationToken)
    {
        var first = await db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null)
            .OrderBy(c => c.CreatedAt)
            .Select(c => (DateTimeOffset?)c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return first is { } at ? HourMath.Floor(at) : null;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Consecutive hours joined into ranges of at most <see cref="HoursPerTransaction"/>.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Runs(SortedSet<DateTimeOffset> hours)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var hour in hours)
        {
            if (from is { } f && to == hour && (hour - f).Ticks / TimeSpan.TicksPerHour < HoursPerTransaction)
            {
                to = hour.AddHours(1);
                continue;
            }

            if (from is { } start)
            {
                yield return (start, to!.Value);
            }

            from = hour;
            to = hour.AddHours(1);
        }

        if (from is { } last)
        {
            yield return (last, to!.Value);
        }
    }
}
