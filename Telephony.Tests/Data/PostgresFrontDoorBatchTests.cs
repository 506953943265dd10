using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Tests.Infrastructure;
using static Telephony.Tests.Data.FrontDoorEntries;

namespace Telephony.Tests.Data;

/// <summary>
/// The front door's one-statement batch on PostgreSQL, called directly: <see cref="FrontDoorWriter"/> falls back to its
/// EF Core path when the statement fails, so the writer's tests alone would pass with a broken statement.
/// </summary>
public sealed class PostgresFrontDoorBatchTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_statement_counts_in_arrival_order_creates_each_call_once_logs_refusals_and_announces_them()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var feed = instance.Feed.Subscribe(1000);
        await feed.NextAsync(n => n.IsResync, Patience); // the listener is connected

        // A caller over its limit of 2 (third call refused), a call Twilio sent twice in the batch, one already stored.
        var busy = NewCaller();
        var retried = Entry(NewSid(), NewCaller());
        var stored = Entry(NewSid(), NewCaller());
        await PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, [stored], Ct);
        FrontDoorEntry[] entries = [Entry(NewSid(), busy), retried, Entry(NewSid(), busy), stored, retried, Entry(NewSid(), busy)];

        var outcomes = await PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, entries, Ct);

        Assert.Equal(
            [(true, true, 1), (true, true, 1), (true, true, 2), (true, false, 2), (true, false, 2), (false, true, 3)],
            outcomes.Select(o => (o.Admitted, o.Created, o.Count)));
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var sids = entries.Select(e => e.Call.CallSid).ToHashSet();
        var calls = await db.Calls.AsNoTracking().Where(c => sids.Contains(c.CallSid)).ToDictionaryAsync(c => c.CallSid, Ct);
        Assert.Equal(5, calls.Count);
        var refused = calls[entries[5].Call.CallSid];
        Assert.True(refused.RateLimited);
        Assert.Equal(CallStatus.Busy, refused.Status);
        Assert.All(calls.Values.Where(c => c.CallSid != refused.CallSid), c => Assert.Equal((CallStatus.Ringing, false), (c.Status, c.RateLimited)));
        Assert.Equal(5, calls.Values.Select(c => c.Version).Where(v => v != Guid.Empty).Distinct().Count());

        var events = await db.CallEvents.AsNoTracking().Where(e => sids.Contains(e.CallSid)).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([("created", "front door (rate limited)")], events.Where(e => e.CallSid == refused.CallSid).Select(e => (e.Kind, e.Detail)));
        Assert.Equal([("created", "front door"), ("disclosure", "prompt v1 (en)"), ("menu", "offered")], events.Where(e => e.CallSid == retried.Call.CallSid).Select(e => (e.Kind, e.Detail)));
        Assert.Equal(3 + 3 + 3 + 3 + 1, events.Count);
        var violation = await db.RateLimitViolations.AsNoTracking().SingleAsync(v => v.CallerNumber == busy, Ct);
        Assert.Equal(refused.CallSid, violation.CallSid);

        // One notice for the batch, committed with it: every new call with its state, and the refusal.
        var announced = new Dictionary<string, string?>();
        while (announced.Count < 4)
        {
            var notice = await feed.NextAsync(n => n.Kind == ChangeKinds.Call && n.Id is not null && sids.Contains(n.Id) && n.Id != stored.Call.CallSid, Patience);
            announced[notice.Id!] = notice.State;
        }

        Assert.Equal("Busy", announced[refused.CallSid]);
        Assert.Equal("Ringing", announced[retried.Call.CallSid]);
        var violationNotice = await feed.NextAsync(n => n.Kind == ChangeKinds.Violation && n.Id == violation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Patience);
        Assert.NotNull(violationNotice);
    }

    [Fact]
    public async Task A_failing_statement_stores_nothing_not_even_the_counts()
    {
        var caller = NewCaller();
        var tooLong = Entry("CA" + new string('x', 40), caller); // longer than the CallSid column allows

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, [Entry(NewSid(), caller), tooLong], Ct));

        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        Assert.False(await db.Calls.AnyAsync(c => c.From == caller, Ct));
        Assert.False(await db.RateLimitCounters.AnyAsync(c => c.Key == caller, Ct));
    }

    private static FrontDoorEntry Entry(string sid, string caller) =>
        FrontDoorEntries.Entry(sid, caller, 2, ("disclosure", "prompt v1 (en)"), ("menu", "offered"));
}
