using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Errors;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Metrics;

namespace Telephony.Tests.Data;

public sealed class ChangeFeedSqliteTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saving_a_call_announces_it_to_every_subscriber_in_the_process()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        using var dashboard = instance.Feed.Subscribe();
        using var wallboard = instance.Feed.Subscribe();
        var call = CallBuilder.At(DateTimeOffset.UtcNow).Build();

        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            db.Calls.Add(call);
            await db.SaveChangesAsync(Ct);
        }

        var expected = new ChangeNotice(ChangeKinds.Call, call.CallSid, nameof(CallStatus.Ringing));
        Assert.Equal(expected, await dashboard.NextAsync(_ => true, Soon));
        Assert.Equal(expected, await wallboard.NextAsync(_ => true, Soon));
    }

    [Fact]
    public async Task The_call_store_announces_status_changes_and_generated_keys_are_filled_in()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        using var subscription = instance.Feed.Subscribe();
        var store = new CallStore(instance.Contexts, TimeProvider.System);
        var sid = CallBuilder.NewSid();

        await store.RecordFrontDoorAsync(new NewCall(sid, "AC1", "+15550001111", "+15550009999"), Ct);
        await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Completed, 1), Ct);
        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.SignatureFailure, Route = "/twilio/voice", At = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(nameof(CallStatus.Ringing), (await subscription.NextAsync(n => n.Id == sid, Soon)).State);
        Assert.Equal(nameof(CallStatus.Completed), (await subscription.NextAsync(n => n.Id == sid, Soon)).State);
        var error = await subscription.NextAsync(n => n.Kind == ChangeKinds.Error, Soon);
        Assert.True(long.Parse(error.Id!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(nameof(WebhookErrorKind.SignatureFailure), error.State);
    }

    [Fact]
    public async Task Inside_a_transaction_notices_wait_for_the_commit_and_a_rollback_sends_none()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        using var subscription = instance.Feed.Subscribe();
        var kept = MetricsSeed.Voicemail("CA1", DateTimeOffset.UtcNow);
        var undone = MetricsSeed.Voicemail("CA2", DateTimeOffset.UtcNow);

        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Voicemails.Add(kept);
            await db.SaveChangesAsync(Ct);
            Assert.Empty(await subscription.DrainAsync(TimeSpan.FromMilliseconds(100)));
            await transaction.CommitAsync(Ct);
        }

        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Voicemails.Add(undone);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        Assert.Equal(
            [new ChangeNotice(ChangeKinds.Voicemail, kept.Id.ToString(), nameof(VoicemailState.New))],
            await subscription.DrainAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_sends_nothing_even_when_the_context_commits_later()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        using var subscription = instance.Feed.Subscribe();
        var abandoned = MetricsSeed.Voicemail("CA3", DateTimeOffset.UtcNow);
        var committed = MetricsSeed.Voicemail("CA4", DateTimeOffset.UtcNow);

        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            await using (await db.Database.BeginTransactionAsync(Ct))
            {
                db.Voicemails.Add(abandoned);
                await db.SaveChangesAsync(Ct);
            }

            db.ChangeTracker.Clear();
            await using var second = await db.Database.BeginTransactionAsync(Ct);
            db.Voicemails.Add(committed);
            await db.SaveChangesAsync(Ct);
            await second.CommitAsync(Ct);
        }

        Assert.Equal([committed.Id.ToString()], (await subscription.DrainAsync(TimeSpan.FromMilliseconds(100))).Select(n => n.Id));
    }

    [Fact]
    public async Task A_failed_save_announces_nothing()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        using var subscription = instance.Feed.Subscribe();
        var call = CallBuilder.At(DateTimeOffset.UtcNow).Build();
        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            db.Calls.Add(call);
            await db.SaveChangesAsync(Ct);
        }

        await subscription.NextAsync(_ => true, Soon);
        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            db.Calls.Add(CallBuilder.At(DateTimeOffset.UtcNow).Build());
            db.Calls.Add(new Call { CallSid = call.CallSid });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Empty(await subscription.DrainAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task A_manual_publish_reaches_subscribers_and_a_slow_one_keeps_only_the_newest()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        using var slow = instance.Feed.Subscribe(capacity: 2);

        for (var i = 1; i <= 5; i++)
        {
            await instance.Feed.PublishAsync(new ChangeNotice(ChangeKinds.Number, $"PN{i}"), Ct);
        }

        Assert.Equal(["PN4", "PN5"], (await slow.DrainAsync(TimeSpan.Zero)).Select(n => n.Id));
    }

    [Fact]
    public async Task A_disposed_subscription_stops_receiving()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Sqlite, database.ConnectionString);
        var subscription = instance.Feed.Subscribe();
        subscription.Dispose();

        await instance.Feed.PublishAsync(ChangeNotice.Resync, Ct);

        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }
}
