using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Telephony.Data.ChangeFeed;

/// <summary>
/// Announces watched entities written by <c>SaveChanges</c>, after they commit (the shape of CleanArchitecture's
/// DispatchDomainEventsInterceptor: collect while saving, publish once saved).
/// </summary>
/// <remarks>
/// <para>SavingChanges remembers the watched entries; SavedChanges turns them into notices (store-generated keys are
/// known by then). When does a notice go out?</para>
/// <list type="bullet">
/// <item>No transaction of the caller's: SQLite broadcasts at once, the save has committed. On PostgreSQL this
/// interceptor opens a transaction in SavingChanges, so the <c>pg_notify</c> written in SavedChanges commits
/// atomically with the data; it then commits that transaction.</item>
/// <item>Inside the caller's transaction: PostgreSQL writes <c>pg_notify</c> into it (delivered at its commit,
/// discarded on rollback); SQLite holds the notices until the transaction commits and drops them on rollback.</item>
/// </list>
/// <para>If the PostgreSQL commit fails after EF Core accepted the changes, SaveChanges throws: the caller sees the
/// failure even though the tracked entities look saved (callers here use one short-lived context per attempt).</para>
/// </remarks>
internal sealed class ChangeFeedInterceptor(ChangeFeedBase feed) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, PendingChanges> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Capture(eventData.Context) is { } state && NeedsOwnTransaction(eventData.Context!))
        {
            state.OwnTransaction = eventData.Context!.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Capture(eventData.Context) is { } state && NeedsOwnTransaction(eventData.Context!))
        {
            state.OwnTransaction = await eventData.Context!.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (TakeSaved(eventData.Context) is not { } saved)
        {
            return result;
        }

        var (db, state, notices) = saved;
        try
        {
            if (feed.NotifiesInTransaction)
            {
                feed.WriteInTransaction(db, notices);
            }

            if (state.OwnTransaction is { } own)
            {
                state.OwnTransaction = null;
                using (own)
                {
                    own.Commit();
                }
            }
        }
        catch
        {
            RollBack(state);
            throw;
        }

        Deliver(db, state, notices);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (TakeSaved(eventData.Context) is not { } saved)
        {
            return result;
        }

        var (db, state, notices) = saved;
        try
        {
            if (feed.NotifiesInTransaction)
            {
                await feed.WriteInTransactionAsync(db, notices, cancellationToken).ConfigureAwait(false);
            }

            if (state.OwnTransaction is { } own)
            {
                state.OwnTransaction = null;
                await using (own.ConfigureAwait(false))
                {
                    await own.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            RollBack(state);
            throw;
        }

        Deliver(db, state, notices);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData?.Context);
        return Task.CompletedTask;
    }

    // EF Core reports a concurrency conflict here, not through SaveChangesFailed, and while its reader is still open; the
    // context's own SaveChangesFailed event follows once it is closed, so the transaction opened in SavingChanges is rolled
    // back from there (otherwise it would outlive the save, and a later save on the context would run inside it).
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        AbandonAfterConflict(eventData?.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        AbandonAfterConflict(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData?.Context);
        return Task.CompletedTask;
    }

    // The caller's own transaction: notices held for it go out when it commits, and are dropped if it does not.
    // A transaction disposed without commit raises no rollback event, so a new transaction also drops leftovers.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ReleaseHeld(eventData?.Context, deliver: false);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ReleaseHeld(eventData?.Context, deliver: false);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ReleaseHeld(eventData?.Context, deliver: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseHeld(eventData?.Context, deliver: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ReleaseHeld(eventData?.Context, deliver: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseHeld(eventData?.Context, deliver: false);
        return Task.CompletedTask;
    }

    private bool NeedsOwnTransaction(DbContext db) => feed.NotifiesInTransaction && db.Database.CurrentTransaction is null;

    private PendingChanges? Capture(DbContext? db)
    {
        if (db is null)
        {
            return null;
        }

        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && EntityChangeNotices.IsWatched(e.Entity))
            .Select(e => (e.Entity, e.State))
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var state = pending.GetValue(db, _ => new PendingChanges());
        state.Saving = entries;
        Forget(db, state);
        return state;
    }

    private (DbContext Db, PendingChanges State, IReadOnlyList<ChangeNotice> Notices)? TakeSaved(DbContext? db)
    {
        if (db is null || !pending.TryGetValue(db, out var state) || state.Saving.Count == 0)
        {
            return null;
        }

        var notices = state.Saving.Select(e => EntityChangeNotices.For(e.Entity, e.State)).Distinct().ToList();
        state.Saving = [];
        return (db, state, notices);
    }

    private void Deliver(DbContext db, PendingChanges state, IReadOnlyList<ChangeNotice> notices)
    {
        if (db.Database.CurrentTransaction is null)
        {
            feed.Committed(notices);
        }
        else
        {
            state.Held.AddRange(notices);
        }
    }

    private void Abandon(DbContext? db)
    {
        if (db is not null && pending.TryGetValue(db, out var state))
        {
            state.Saving = [];
            Forget(db, state);
            RollBack(state);
        }
    }

    private void AbandonAfterConflict(DbContext? db)
    {
        if (db is not null)
        {
            db.SaveChangesFailed -= OnSaveChangesFailed;
            db.SaveChangesFailed += OnSaveChangesFailed;
        }
    }

    private void OnSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e)
    {
        if (sender is DbContext db)
        {
            db.SaveChangesFailed -= OnSaveChangesFailed;
            Abandon(db);
        }
    }

    // Contexts are pooled: a transaction of an earlier lease (already disposed by the pool's reset) is not this save's.
    private static void Forget(DbContext db, PendingChanges state)
    {
        if (state.OwnTransaction is { } own && !ReferenceEquals(own, db.Database.CurrentTransaction))
        {
            state.OwnTransaction = null;
        }
    }

    private void ReleaseHeld(DbContext? db, bool deliver)
    {
        if (db is null || !pending.TryGetValue(db, out var state) || state.Held.Count == 0)
        {
            return;
        }

        var held = state.Held.ToList();
        state.Held.Clear();
        if (deliver)
        {
            feed.Committed(held);
        }
    }

    private static void RollBack(PendingChanges state)
    {
        if (state.OwnTransaction is { } own)
        {
            state.OwnTransaction = null;
            using (own)
            {
                own.Rollback();
            }
        }
    }

    private sealed class PendingChanges
    {
        public List<(object Entity, EntityState State)> Saving { get; set; } = [];

        public IDbContextTransaction? OwnTransaction { get; set; }

        /// <summary>Saved inside the caller's transaction, waiting for its commit.</summary>
        public List<ChangeNotice> Held { get; } = [];
    }
}
