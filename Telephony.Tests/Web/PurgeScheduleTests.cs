using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.Idempotency;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.RateLimiting;
using Telephony.Data.Sms;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Hosting;
using Telephony.Web.Privacy;

namespace Telephony.Tests.Web;

/// <summary>Counters, keys and log entries that have outlived their use are deleted by the running app, on both providers, by several instances at once.</summary>
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

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_purging_at_once_delete_what_is_past_retention_and_keep_the_rest(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using TestDatabase database = provider == "sqlite" ? new SqliteDatabase() : new PostgresDatabase();
        await database.InitializeAsync();
        await using var first = new TelephonyAppFactory(database.Provider, database.ConnectionString);
        await using var second = new TelephonyAppFactory(database.Provider, database.ConnectionString);
        var purgers = new[] { first, second }.SelectMany(app => app.Services.GetServices<IHostedService>().OfType<PeriodicPurge>()).ToList();
        foreach (var kind in new[] { typeof(Telephony.Web.RateLimiting.RateLimitCleanup), typeof(Telephony.Web.Api.IdempotencyCleanup), typeof(WebhookLogCleanup), typeof(CallDetailCleanup) })
        {
            Assert.Equal(2, purgers.Count(p => p.GetType() == kind)); // one on each instance
        }

        var now = DateTimeOffset.UtcNow;
        await using (var db = database.CreateDbContext())
        {
            db.WebhookErrors.AddRange(
                new WebhookError { Kind = WebhookErrorKind.HandlerException, Route = "/twilio/voice/menu", Detail = "old", At = now.AddDays(-731) },
                new WebhookError { Kind = WebhookErrorKind.HandlerException, Route = "/twilio/voice/menu", Detail = "kept", At = now.AddDays(-700) },
                new WebhookError { Kind = WebhookErrorKind.SignatureFailure, Route = "/twilio/voice/frontdoor", Detail = "old", Source = "198.51.100.7", Count = 900, At = now.AddDays(-31) },
                new WebhookError { Kind = WebhookErrorKind.SignatureFailure, Route = "/twilio/voice/frontdoor", Detail = "kept", Source = "198.51.100.7", Count = 40, At = now.AddDays(-29) });
            db.RateLimitViolations.AddRange(
                new RateLimitViolation { CallerNumber = "old", At = now.AddDays(-731) },
                new RateLimitViolation { CallerNumber = "kept", At = now.AddDays(-1) });
            db.RateLimitCounters.AddRange(
                new RateLimitCounter { Key = "old", WindowStart = RateLimitStore.WindowStartFor(now.AddHours(-3)), Count = 4 },
                new RateLimitCounter { Key = "kept", WindowStart = RateLimitStore.WindowStartFor(now.AddMinutes(1)), Count = 1 });
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = "old", Scope = "POST /api/tenants", RequestHash = "hash", Status = IdempotencyStatus.Completed,
                CreatedAt = now.AddHours(-25), ExpiresAt = now.AddHours(-1),
            });
            await db.SaveChangesAsync(ct);
        }

        // Every purge of both instances, three rounds, all at once: none may fail, whichever deletes a row first.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(purgers.Select(p => Task.Run(() => p.PurgeOnceAsync(ct), ct)));
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["kept", "kept"], await db.WebhookErrors.Select(e => e.Detail).ToListAsync(ct));
            Assert.Equal(["kept"], await db.RateLimitViolations.Select(v => v.CallerNumber).ToListAsync(ct));
            Assert.Equal(["kept"], await db.RateLimitCounters.Select(c => c.Key).ToListAsync(ct));
            Assert.Empty(await db.IdempotencyRecords.ToListAsync(ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_delete_calls_timelines_and_sms_past_retention_and_the_rollups_keep_counting_them(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using TestDatabase database = provider == "sqlite" ? new SqliteDatabase() : new PostgresDatabase();
        await database.InitializeAsync();

        // The history is there before the instances start, as in a deployment: rows written later into hours that
        // retention already closed would never be counted.
        var now = DateTimeOffset.UtcNow;
        var old = new Call { CallSid = "CAold", From = "+15145550101", To = "+15145559999", Status = CallStatus.Completed, CreatedAt = now.AddDays(-3), UpdatedAt = now.AddDays(-3) };
        var oldLeg = new Call { CallSid = "CAoldleg", ParentCallSid = "CAold", From = "+15145559999", To = "+15145550202", Status = CallStatus.Completed, CreatedAt = now.AddDays(-3).AddSeconds(20), UpdatedAt = now.AddDays(-3) };
        var recent = new Call { CallSid = "CArecent", From = "+15145550303", To = "+15145559999", Status = CallStatus.Completed, CreatedAt = now.AddHours(-3), UpdatedAt = now.AddHours(-3) };
        await using (var db = database.CreateDbContext())
        {
            db.Calls.AddRange(old, oldLeg, recent);
            db.CallEvents.AddRange(
                new CallEvent { CallSid = "CAold", Kind = "status", Detail = "old", OccurredAt = old.CreatedAt },
                new CallEvent { CallSid = "CAoldleg", Kind = "status", Detail = "old", OccurredAt = oldLeg.CreatedAt },
                new CallEvent { CallSid = "CArecent", Kind = "status", Detail = "kept", OccurredAt = recent.CreatedAt });
            db.SmsMessages.AddRange(
                new SmsMessage { MessageSid = "SMold", From = "+15145550101", To = "+15145559999", Body = "old", ReceivedAt = now.AddDays(-3) },
                new SmsMessage { MessageSid = "SMkept", From = "+15145550303", To = "+15145559999", Body = "kept", ReceivedAt = now.AddHours(-3) });
            await db.SaveChangesAsync(ct);
        }

        await using var first = new TelephonyAppFactory(database.Provider, database.ConnectionString);
        await using var second = new TelephonyAppFactory(database.Provider, database.ConnectionString);
        foreach (var app in new[] { first, second })
        {
            app.Settings["Retention:CallDays"] = "2";
        }

        var purgers = new[] { first, second }.SelectMany(app => app.Services.GetServices<IHostedService>().OfType<CallDetailCleanup>()).ToList();
        Assert.Equal(2, purgers.Count);

        // Their hours are folded (by the first pass at start, or this one) before any call may go.
        Assert.True((await first.Services.GetRequiredService<HourlyRollups>().RefoldAsync(now.AddDays(-4), now, ct)).Ran);

        // Every instance's purge, all at once, until the old detail is gone (a rollup pass of either instance may hold the lease for a moment).
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(purgers.Select(p => Task.Run(() => p.PurgeOnceAsync(ct), ct)));
            await using var db = database.CreateDbContext();
            if (!await db.Calls.AnyAsync(c => c.CreatedAt < now.AddDays(-2), ct))
            {
                break;
            }

            await Task.Delay(200, ct);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["CArecent"], await db.Calls.Select(c => c.CallSid).ToListAsync(ct));
            Assert.Equal(["kept"], await db.CallEvents.Select(e => e.Detail).ToListAsync(ct));
            Assert.Equal(["SMkept"], await db.SmsMessages.Select(m => m.MessageSid).ToListAsync(ct));
            var oldHour = new DateTimeOffset(old.CreatedAt.UtcTicks - (old.CreatedAt.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
            var rollup = await db.Set<CallHourRollup>().SingleAsync(r => r.HourStart == oldHour, ct);
            Assert.Equal(1, rollup.Offered + rollup.Blocked);
        }
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
