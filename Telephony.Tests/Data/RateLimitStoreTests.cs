using Microsoft.EntityFrameworkCore;
using Telephony.Data.RateLimiting;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

public abstract class RateLimitStoreTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 30, 15, TimeSpan.Zero);

    private readonly RateLimitStore store = new(database);

    [Fact]
    public async Task Admits_exactly_the_limit_then_rejects_and_records_each_violation()
    {
        var caller = UniqueCaller();
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 12; i++)
        {
            decisions.Add(await store.TryAcquireAsync(caller, 10, Now.AddSeconds(i), $"CA{i:D32}", TestContext.Current.CancellationToken));
        }

        Assert.All(decisions.Take(10), d => Assert.True(d.Admitted));
        Assert.All(decisions.Skip(10), d => Assert.False(d.Admitted));
        Assert.Equal(Enumerable.Range(1, 12), decisions.Select(d => d.Count));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 30, 0, TimeSpan.Zero), decisions[0].WindowStart);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 31, 0, TimeSpan.Zero), decisions[0].RetryAfter);

        await using var db = database.CreateDbContext();
        var violations = await db.RateLimitViolations.Where(v => v.CallerNumber == caller).OrderBy(v => v.At).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([$"CA{10:D32}", $"CA{11:D32}"], violations.Select(v => v.CallSid));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_from_one_caller_admit_exactly_ten()
    {
        var caller = UniqueCaller();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => store.TryAcquireAsync(caller, 10, Now, $"CA{i:D32}", TestContext.Current.CancellationToken))));

        Assert.Equal(10, decisions.Count(d => d.Admitted));
        Assert.Equal(Enumerable.Range(1, 50), decisions.Select(d => d.Count).Order());
        await using var db = database.CreateDbContext();
        Assert.Equal(40, await db.RateLimitViolations.CountAsync(v => v.CallerNumber == caller, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_new_minute_starts_a_new_window()
    {
        var caller = UniqueCaller();
        for (var i = 0; i < 3; i++)
        {
            await store.TryAcquireAsync(caller, 3, Now, TestContext.Current.CancellationToken);
        }

        var sameMinute = await store.TryAcquireAsync(caller, 3, Now.AddSeconds(44), TestContext.Current.CancellationToken);
        var nextMinute = await store.TryAcquireAsync(caller, 3, Now.AddSeconds(45), TestContext.Current.CancellationToken);

        Assert.False(sameMinute.Admitted);
        Assert.True(nextMinute.Admitted);
        Assert.Equal(1, nextMinute.Count);
    }

    [Fact]
    public async Task Callers_are_counted_separately()
    {
        var first = UniqueCaller();
        var second = UniqueCaller();

        await store.TryAcquireAsync(first, 1, Now, TestContext.Current.CancellationToken);
        var other = await store.TryAcquireAsync(second, 1, Now, TestContext.Current.CancellationToken);
        var again = await store.TryAcquireAsync(first, 1, Now, TestContext.Current.CancellationToken);

        Assert.True(other.Admitted);
        Assert.False(again.Admitted);
    }

    [Fact]
    public async Task Purge_removes_only_finished_windows()
    {
        var caller = UniqueCaller();
        await store.TryAcquireAsync(caller, 5, Now.AddMinutes(-10), TestContext.Current.CancellationToken);
        await store.TryAcquireAsync(caller, 5, Now, TestContext.Current.CancellationToken);

        await store.PurgeAsync(Now, TestContext.Current.CancellationToken);

        await using var db = database.CreateDbContext();
        var windows = await db.RateLimitCounters.Where(c => c.Key == caller).Select(c => c.WindowStart).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([RateLimitStore.WindowStartFor(Now)], windows);
    }

    [Fact]
    public async Task Sms_replies_are_counted_per_sender_per_clock_hour_and_the_hour_is_kept_until_it_ends()
    {
        var sender = UniqueCaller();
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await store.TryAcquireSmsReplyAsync(sender, 5, Now.AddMinutes(i * 5), TestContext.Current.CancellationToken));
        }

        var nextHour = await store.TryAcquireSmsReplyAsync(sender, 5, Now.AddMinutes(30), TestContext.Current.CancellationToken);

        Assert.Equal([true, true, true, true, true, false], decisions.Select(d => d.Admitted));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), decisions[0].WindowStart);
        Assert.Equal((true, 1), (nextHour.Admitted, nextHour.Count));

        // Purging at 12:59 keeps the 12:00 hour (still running) and the 13:00 one; at 13:30 the 12:00 one has ended.
        await store.PurgeAsync(Now.AddMinutes(29), TestContext.Current.CancellationToken);
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(2, await db.RateLimitCounters.CountAsync(c => c.Key == RateLimitStore.SmsReplyPrefix + sender, TestContext.Current.CancellationToken));
        }

        await store.PurgeAsync(Now.AddMinutes(60), TestContext.Current.CancellationToken);
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(1, await db.RateLimitCounters.CountAsync(c => c.Key == RateLimitStore.SmsReplyPrefix + sender, TestContext.Current.CancellationToken));
        }
    }

    private static string UniqueCaller() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
}

public sealed class SqliteRateLimitStoreTests(SqliteDatabase database) : RateLimitStoreTests<SqliteDatabase>(database);

public sealed class PostgresRateLimitStoreTests(PostgresDatabase database) : RateLimitStoreTests<PostgresDatabase>(database);
