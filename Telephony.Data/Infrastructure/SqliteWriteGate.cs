using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a writer that finds the lock taken sleeps in SQLite's busy handler
/// (1, 2, 5 … 100 ms steps), so a burst of webhooks spends most of its time asleep. This gate queues this process's
/// writes on a semaphore per database file instead, and hands the lock from one writer to the next at once.
/// </summary>
/// <remarks>
/// Only saves outside an explicit transaction take the gate: a transaction already holds SQLite's lock (BEGIN
/// IMMEDIATE), and waiting for the gate inside it could deadlock with a gated writer waiting for that lock. Other
/// processes on the same file still meet SQLite's busy timeout.
/// </remarks>
internal sealed class SqliteWriteGate : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByConnectionString = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, SemaphoreSlim> held = [];

    public static SqliteWriteGate Instance { get; } = new();

    /// <summary>Waits for this database's gate when <paramref name="db"/> is SQLite outside a transaction; null otherwise.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (GateFor(db) is not { } gate)
        {
            return null;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData?.Context is { } db && GateFor(db) is { } gate)
        {
            gate.Wait();
            Hold(db, gate);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is { } db && GateFor(db) is { } gate)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            Hold(db, gate);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData?.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData?.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    private static SemaphoreSlim? GateFor(DbContext db)
    {
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        // Every save comes here: the file behind a connection string is worked out once, not parsed per save.
        return ByConnectionString.GetOrAdd(db.Database.GetConnectionString() ?? "", static connectionString =>
            Gates.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), _ => new SemaphoreSlim(1, 1)));
    }

    // EF Core does not call SaveChangesFailed on interceptors for a concurrency conflict (only ThrowingConcurrencyException
    // and the context's SaveChangesFailed event), so the gate is also released from that event: every way out of a save
    // releases it, and Remove lets only the first of them do so.
    private void Hold(DbContext db, SemaphoreSlim gate)
    {
        held.AddOrUpdate(db, gate);
        db.SaveChangesFailed += OnSaveChangesFailed;
    }

    private void OnSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e) => Release(sender as DbContext);

    private void Release(DbContext? db)
    {
        if (db is not null && held.TryGetValue(db, out var gate) && held.Remove(db))
        {
            db.SaveChangesFailed -= OnSaveChangesFailed;
            gate.Release();
        }
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
