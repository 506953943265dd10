using Microsoft.EntityFrameworkCore;
using Npgsql;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Idempotency;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Metrics;

namespace Telephony.Tests.Data;

/// <summary>Two app instances sharing one PostgreSQL database, as in production behind a load balancer.</summary>
public sealed class ChangeFeedPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ListenerStart = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_saved_by_instance_A_reaches_a_subscriber_of_instance_B_within_a_second()
    {
        await using var a = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var onA = a.Feed.Subscribe();
        using var onB = b.Feed.Subscribe();
        await onA.NextAsync(n => n.IsResync, ListenerStart);
        await onB.NextAsync(n => n.IsResync, ListenerStart);
        var call = CallBuilder.At(DateTimeOffset.UtcNow).Build();

        await SaveAsync(a, call);

        var expected = new ChangeNotice(ChangeKinds.Call, call.CallSid, nameof(CallStatus.Ringing));
        Assert.Equal(expected, await onB.NextAsync(_ => true, WithinASecond));
        Assert.Equal(expected, await onA.NextAsync(_ => true, WithinASecond));
    }

    [Fact]
    public async Task After_its_connection_is_killed_the_listener_reconnects_asks_for_a_resync_and_still_delivers()
    {
        await using var a = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var onB = b.Feed.Subscribe();
        await onB.NextAsync(n => n.IsResync, ListenerStart);

        Assert.True(await KillListenersAsync() >= 1);
        await onB.NextAsync(n => n.IsResync, ListenerStart);
        var call = CallBuilder.At(DateTimeOffset.UtcNow).Build();
        await SaveAsync(a, call);

        Assert.Equal(call.CallSid, (await onB.NextAsync(n => !n.IsResync, WithinASecond)).Id);
    }

    [Fact]
    public async Task A_rolled_back_transaction_notifies_nobody_and_a_committed_one_notifies_on_commit()
    {
        await using var a = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var onB = b.Feed.Subscribe();
        await onB.NextAsync(n => n.IsResync, ListenerStart);
        var undone = CallBuilder.At(DateTimeOffset.UtcNow).Build();
        var kept = CallBuilder.At(DateTimeOffset.UtcNow).Build();

        await using (var db = await a.Contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Calls.Add(undone);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        await using (var db = await a.Contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Calls.Add(kept);
            await db.SaveChangesAsync(Ct);
            Assert.Empty(await onB.DrainAsync(TimeSpan.FromMilliseconds(200)));
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(kept.CallSid, (await onB.NextAsync(_ => true, WithinASecond)).Id);
        Assert.Empty(await onB.DrainAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_manual_publish_for_a_raw_sql_write_reaches_the_other_instance()
    {
        await using var a = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var onB = b.Feed.Subscribe();
        await onB.NextAsync(n => n.IsResync, ListenerStart);

        await a.Feed.PublishAsync(new ChangeNotice(ChangeKinds.Alert, "42", "Resolved"), Ct);

        Assert.Equal(new ChangeNotice(ChangeKinds.Alert, "42", "Resolved"), await onB.NextAsync(_ => true, WithinASecond));
    }

    [Fact]
    public async Task A_pooled_context_after_a_concurrency_conflict_saves_commits_and_reports_the_next_error_as_it_is()
    {
        await using var a = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var onA = a.Feed.Subscribe();
        await onA.NextAsync(n => n.IsResync, ListenerStart);
        var call = CallBuilder.At(DateTimeOffset.UtcNow).Build();
        await SaveAsync(a, call);
        await onA.NextAsync(n => n.Id == call.CallSid, WithinASecond);

        TelephonyDbContext conflicted;
        await using (var db = await a.Contexts.CreateDbContextAsync(Ct))
        {
            conflicted = db;
            var tracked = await db.Calls.SingleAsync(c => c.CallSid == call.CallSid, Ct);
            await using (var other = new NpgsqlConnection(database.ConnectionString))
            {
                await other.OpenAsync(Ct);
                await using var bump = new NpgsqlCommand("UPDATE \"Calls\" SET \"Version\" = gen_random_uuid() WHERE \"CallSid\" = @sid", other);
                bump.Parameters.AddWithValue("sid", call.CallSid);
                await bump.ExecuteNonQueryAsync(Ct);
            }

            tracked.Status = CallStatus.InProgress;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Ct));
        }

        // The pool hands the same context out again: its earlier, failed save must not leak into this lease.
        await using (var db = await a.Contexts.CreateDbContextAsync(Ct))
        {
            Assert.Same(conflicted, db);
            var key = Guid.NewGuid().ToString();
            db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, Scope = "test", RequestHash = "h", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
            await db.SaveChangesAsync(Ct);
            db.ChangeTracker.Clear();
            db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, Scope = "test", RequestHash = "h", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(duplicate.InnerException).SqlState);
        }

        var next = CallBuilder.At(DateTimeOffset.UtcNow).Build();
        await SaveAsync(a, next);

        Assert.Equal(next.CallSid, (await onA.NextAsync(n => n.Id == next.CallSid, WithinASecond)).Id);
        await using var reader = await a.Contexts.CreateDbContextAsync(Ct);
        Assert.True(await reader.Calls.AnyAsync(c => c.CallSid == next.CallSid, Ct));
    }

    private static async Task SaveAsync(ChangeFeedInstance instance, Call call)
    {
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        db.Calls.Add(call);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<int> KillListenersAsync()
    {
        await using var admin = new NpgsqlConnection(database.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", admin);
        return (int)(await kill.ExecuteScalarAsync(Ct))!;
    }
}
