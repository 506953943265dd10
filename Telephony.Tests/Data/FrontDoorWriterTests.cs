using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Tests.Infrastructure;
using static Telephony.Tests.Data.FrontDoorEntries;

namespace Telephony.Tests.Data;

/// <summary>The front door's group commit, on each provider, with the app's data services and change feed.</summary>
public abstract class FrontDoorWriterTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_concurrent_front_doors_are_each_stored_once_with_their_events_and_announced()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        using var feed = instance.Feed.Subscribe(1000);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await feed.NextAsync(n => n.IsResync, Patience); // the listener is connected
        }

        var writer = instance.Get<FrontDoorWriter>();
        var entries = Enumerable.Range(0, 50).Select(_ => Entry(NewSid(), NewCaller())).ToList();

        var outcomes = await Task.WhenAll(entries.Select(e => Task.Run(() => writer.WriteAsync(e, Ct), Ct)));

        Assert.All(outcomes, o => Assert.True(o.Admitted && o.Created && o.Count == 1));
        var sids = entries.Select(e => e.Call.CallSid).ToHashSet();
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(50, await db.Calls.CountAsync(c => sids.Contains(c.CallSid), Ct));
        var events = await db.CallEvents.Where(e => sids.Contains(e.CallSid)).ToListAsync(Ct);
        Assert.All(events.GroupBy(e => e.CallSid), g => Assert.Equal(["created", "disclosure"], g.OrderBy(e => e.Id).Select(e => e.Kind)));
        Assert.Equal(100, events.Count);
        var announced = new HashSet<string>();
        while (!sids.IsSubsetOf(announced))
        {
            announced.Add((await feed.NextAsync(n => n.Kind == ChangeKinds.Call && n.Id is not null, Patience)).Id!);
        }
    }

    [Fact]
    public async Task Twelve_concurrent_calls_from_one_caller_with_a_limit_of_ten_admit_exactly_ten()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var writer = instance.Get<FrontDoorWriter>();
        var caller = NewCaller();
        var entries = Enumerable.Range(0, 12).Select(_ => Entry(NewSid(), caller)).ToList();

        var outcomes = await Task.WhenAll(entries.Select(e => Task.Run(() => writer.WriteAsync(e, Ct), Ct)));

        Assert.Equal(10, outcomes.Count(o => o.Admitted));
        Assert.Equal(Enumerable.Range(1, 12), outcomes.Select(o => o.Count).Order());
        var refused = entries.Zip(outcomes).Where(x => !x.Second.Admitted).Select(x => x.First.Call.CallSid).ToHashSet();
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var calls = await db.Calls.Where(c => c.From == caller).ToListAsync(Ct);
        Assert.Equal(12, calls.Count);
        Assert.Equal(refused, calls.Where(c => c.RateLimited).Select(c => c.CallSid).ToHashSet());
        Assert.All(calls.Where(c => c.RateLimited), c => Assert.Equal(CallStatus.Busy, c.Status));
        Assert.Equal(refused, (await db.RateLimitViolations.Where(v => v.CallerNumber == caller).Select(v => v.CallSid!).ToListAsync(Ct)).ToHashSet());
        var refusedEvents = await db.CallEvents.Where(e => refused.Contains(e.CallSid)).ToListAsync(Ct);
        Assert.All(refusedEvents, e => Assert.Equal(("created", "front door (rate limited)"), (e.Kind, e.Detail)));
        Assert.Equal(2, refusedEvents.Count);
    }

    [Fact]
    public async Task A_call_Twilio_sends_three_times_at_once_and_again_later_is_created_once()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var writer = instance.Get<FrontDoorWriter>();
        var entry = Entry(NewSid(), NewCaller());

        var outcomes = (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => writer.WriteAsync(entry, Ct), Ct)))).ToList();
        outcomes.Add(await writer.WriteAsync(entry, Ct));

        Assert.Equal(1, outcomes.Count(o => o.Created));
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Calls.CountAsync(c => c.CallSid == entry.Call.CallSid, Ct));
        Assert.Equal(2, await db.CallEvents.CountAsync(e => e.CallSid == entry.Call.CallSid, Ct));
    }

    [Fact]
    public async Task The_rows_are_those_the_single_front_door_path_writes()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        var batched = Entry(NewSid(), NewCaller()) is var e ? e with { Call = e.Call with { At = at, Language = "fr", ParentCallSid = NewSid() } } : null!;
        var single = batched.Call with { CallSid = NewSid() };

        await instance.Get<FrontDoorWriter>().WriteAsync(batched, Ct);
        Assert.True(await instance.Get<CallStore>().RecordFrontDoorAsync(single, Ct));

        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var rows = await db.Calls.AsNoTracking().Where(c => c.CallSid == batched.Call.CallSid || c.CallSid == single.CallSid).ToListAsync(Ct);
        Assert.Equal(2, rows.Count);
        foreach (var property in typeof(Call).GetProperties().Where(p => p.Name is not (nameof(Call.CallSid) or nameof(Call.Version))))
        {
            Assert.Equal(property.GetValue(rows[0]), property.GetValue(rows[1]));
        }

        Assert.Equal(at, rows[0].CreatedAt);
        var events = await db.CallEvents.AsNoTracking().Where(x => x.CallSid == batched.Call.CallSid || x.CallSid == single.CallSid).OrderBy(x => x.Id).ToListAsync(Ct);
        Assert.Equal(
            events.Where(x => x.CallSid == single.CallSid).Select(x => (x.Kind, x.Detail, x.OccurredAt)),
            events.Where(x => x.CallSid == batched.Call.CallSid).Select(x => (x.Kind, x.Detail, x.OccurredAt)));
    }

    private static FrontDoorEntry Entry(string sid, string caller) => FrontDoorEntries.Entry(sid, caller, 10, ("disclosure", "prompt v1 (en)"));
}

public sealed class SqliteFrontDoorWriterTests(SqliteDatabase database) : FrontDoorWriterTests<SqliteDatabase>(database);

public sealed class PostgresFrontDoorWriterTests(PostgresDatabase database) : FrontDoorWriterTests<PostgresDatabase>(database);
