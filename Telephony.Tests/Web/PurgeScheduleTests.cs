using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Idempotency;
using Telephony.Data.RateLimiting;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Web;

/// <summary>Counters and keys that have outlived their use are deleted by the running app, on both providers.</summary>
public sealed class PurgeScheduleTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ended_rate_limit_windows_are_deleted_and_the_current_one_is_kept(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await DatabaseFor(provider);
        await using var app = Start(database);
        app.Settings["Telephony:RateLimit:PurgeInterval"] = "00:00:00.200";
        var now = DateTimeOffset.UtcNow;
        await using (var db = Db(app))
        {
            db.RateLimitCounters.AddRange(
                new RateLimitCounter { Key = "+15145550001", WindowStart = RateLimitStore.WindowStartFor(now.AddHours(-3)), Count = 11 },
                new RateLimitCounter { Key = "+15145550002", WindowStart = RateLimitStore.WindowStartFor(now.AddMinutes(-10)), Count = 3 },
                new RateLimitCounter { Key = "+15145550003", WindowStart = RateLimitStore.WindowStartFor(now.AddMinutes(1)), Count = 1 });
            await db.SaveChangesAsync(ct);
        }

        var left = await EventuallyAsync(app, db => db.RateLimitCounters.Select(c => c.Key).ToListAsync(ct), keys => keys.Count == 1);

        Assert.Equal(["+15145550003"], left);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_idempotency_key_lives_24_hours_and_expired_keys_are_deleted(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await DatabaseFor(provider);
        await using var app = Start(database);
        app.Settings["Provisioning:IdempotencyPurgeInterval"] = "00:00:01";
        var store = app.Services.GetRequiredService<IdempotencyStore>();

        await store.TryBeginAsync("fresh-key", "POST /api/tenants", "hash", ct);
        await using (var db = Db(app))
        {
            var fresh = await db.IdempotencyRecords.SingleAsync(r => r.Key == "fresh-key", ct);
            Assert.Equal(TimeSpan.FromHours(24), fresh.ExpiresAt - fresh.CreatedAt);
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = "old-key", Scope = "POST /api/tenants", RequestHash = "hash", Status = IdempotencyStatus.Completed,
                CreatedAt = DateTimeOffset.UtcNow.AddHours(-25), ExpiresAt = DateTimeOffset.UtcNow.AddHours(-1),
            });
            await db.SaveChangesAsync(ct);
        }

        var left = await EventuallyAsync(app, db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync(ct), keys => !keys.Contains("old-key"));

        Assert.Equal(["fresh-key"], left);
    }

    private static async Task<TestDatabase?> DatabaseFor(string provider)
    {
        if (provider == "sqlite")
        {
            return null;
        }

        var database = new PostgresDatabase();
        await database.InitializeAsync();
        return database;
    }

    private static TelephonyAppFactory Start(TestDatabase? database) =>
        database is null ? new TelephonyAppFactory() : new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);

    private static TelephonyDbContext Db(TelephonyAppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext();

    private static async Task<T> EventuallyAsync<T>(TelephonyAppFactory app, Func<TelephonyDbContext, Task<T>> query, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = Db(app);
            var value = await query(db);
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
