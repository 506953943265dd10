using Microsoft.Extensions.Time.Testing;
using Telephony.Data.Idempotency;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

public abstract class IdempotencyStoreTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const string Scope = "POST /api/tenants";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly IdempotencyStore store;

    protected IdempotencyStoreTests(TDatabase database) => store = new IdempotencyStore(database, time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_key_is_claimed_and_a_repeat_while_processing_is_in_flight()
    {
        var key = NewKey();

        var first = await store.TryBeginAsync(key, Scope, "hash-a", Ct);
        var repeat = await store.TryBeginAsync(key, Scope, "hash-a", Ct);

        Assert.Equal(IdempotencyOutcome.New, first.Outcome);
        Assert.Equal(IdempotencyOutcome.InFlight, repeat.Outcome);
    }

    [Fact]
    public async Task A_completed_key_replays_the_stored_response()
    {
        var key = NewKey();
        await store.TryBeginAsync(key, Scope, "hash-a", Ct);
        var response = new IdempotentResponse(202, """{"id":"t1"}""", "application/json", "/api/transactions/t1");

        Assert.True(await store.CompleteAsync(key, Scope, response, Ct));
        var replay = await store.TryBeginAsync(key, Scope, "hash-a", Ct);

        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(response, replay.Response);
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_a_mismatch()
    {
        var key = NewKey();
        await store.TryBeginAsync(key, Scope, "hash-a", Ct);

        var other = await store.TryBeginAsync(key, Scope, "hash-b", Ct);

        Assert.Equal(IdempotencyOutcome.Mismatch, other.Outcome);
    }

    [Fact]
    public async Task The_same_key_on_another_route_is_independent()
    {
        var key = NewKey();
        await store.TryBeginAsync(key, Scope, "hash-a", Ct);

        var other = await store.TryBeginAsync(key, "POST /api/numbers", "hash-b", Ct);

        Assert.Equal(IdempotencyOutcome.New, other.Outcome);
    }

    [Fact]
    public async Task An_abandoned_key_can_be_claimed_again()
    {
        var key = NewKey();
        await store.TryBeginAsync(key, Scope, "hash-a", Ct);

        await store.AbandonAsync(key, Scope, Ct);
        var retry = await store.TryBeginAsync(key, Scope, "hash-a", Ct);

        Assert.Equal(IdempotencyOutcome.New, retry.Outcome);
    }

    [Fact]
    public async Task An_expired_key_is_claimed_afresh_and_purged()
    {
        var key = NewKey();
        await store.TryBeginAsync(key, Scope, "hash-a", TimeSpan.FromMinutes(5), Ct);
        await store.CompleteAsync(key, Scope, new IdempotentResponse(201, null, null, null), Ct);
        var purgeable = NewKey();
        await store.TryBeginAsync(purgeable, Scope, "hash-p", TimeSpan.FromMinutes(5), Ct);

        time.Advance(TimeSpan.FromMinutes(6));
        var reclaimed = await store.TryBeginAsync(key, Scope, "hash-b", Ct);
        var purged = await store.PurgeExpiredAsync(Ct);

        Assert.Equal(IdempotencyOutcome.New, reclaimed.Outcome);
        Assert.True(purged >= 1);
        Assert.Equal(IdempotencyOutcome.New, (await store.TryBeginAsync(purgeable, Scope, "hash-p", Ct)).Outcome);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_get_exactly_one_claim()
    {
        var key = NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.TryBeginAsync(key, Scope, "hash-a", Ct))));

        Assert.Single(results, r => r.Outcome == IdempotencyOutcome.New);
        Assert.Equal(19, results.Count(r => r.Outcome == IdempotencyOutcome.InFlight));
    }

    private static string NewKey() => Guid.NewGuid().ToString();
}

public sealed class SqliteIdempotencyStoreTests(SqliteDatabase database) : IdempotencyStoreTests<SqliteDatabase>(database);

public sealed class PostgresIdempotencyStoreTests(PostgresDatabase database) : IdempotencyStoreTests<PostgresDatabase>(database);
