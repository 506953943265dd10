using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

/// <summary>Status callbacks applied together, on each provider: the rules of a single callback hold inside a batch.</summary>
public abstract class CallWriterTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shuffled_and_repeated_callbacks_of_twenty_calls_at_once_end_every_call_completed_and_never_backwards()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var writer = instance.Get<CallWriter>();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        var sids = Enumerable.Range(0, 20).Select(_ => "CA" + Guid.NewGuid().ToString("N")).ToList();
        var updates = sids.SelectMany(sid => new[]
        {
            new CallStatusUpdate(sid, CallStatus.Ringing, 0, t0) { From = "+15550001111", To = "+15550009999" },
            new CallStatusUpdate(sid, CallStatus.InProgress, 1, t0.AddSeconds(5)),
            new CallStatusUpdate(sid, CallStatus.Completed, 2, t0.AddSeconds(65), 60),
            new CallStatusUpdate(sid, CallStatus.Completed, 2, t0.AddSeconds(65), 60),
        }).OrderBy(_ => Random.Shared.Next()).ToList();

        var outcomes = await Task.WhenAll(updates.Select(u => Task.Run(() => writer.ApplyAsync(u, Ct), Ct)));

        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var calls = await db.Calls.AsNoTracking().Where(c => sids.Contains(c.CallSid)).ToListAsync(Ct);
        Assert.Equal(20, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal(CallStatus.Completed, c.Status);
            Assert.Equal(2, c.LastSequenceNumber);
            Assert.Equal(t0.AddSeconds(65), c.EndedAt!.Value, TimeSpan.FromMilliseconds(1));
            Assert.Equal(60, c.DurationSeconds);
        });
        var changed = outcomes.Count(o => o is StatusApplyOutcome.Applied or StatusApplyOutcome.Created);
        Assert.Equal(changed, await db.CallEvents.CountAsync(e => sids.Contains(e.CallSid) && e.Kind == "status", Ct));
        Assert.Equal(20, outcomes.Count(o => o == StatusApplyOutcome.Created));
        Assert.True(outcomes.Count(o => o == StatusApplyOutcome.Duplicate) >= 20, "every repeated completed callback is a duplicate");
    }

    [Fact]
    public async Task A_dialled_legs_callbacks_arriving_together_stamp_its_parent()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(database.Provider, database.ConnectionString);
        var writer = instance.Get<CallWriter>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var parent = "CA" + Guid.NewGuid().ToString("N");
        var leg = "CA" + Guid.NewGuid().ToString("N");

        await writer.ApplyAsync(new CallStatusUpdate(parent, CallStatus.InProgress, 1, at), Ct);
        await Task.WhenAll(
            Task.Run(() => writer.ApplyAsync(new CallStatusUpdate(leg, CallStatus.Ringing, 0, at.AddSeconds(2)) { ParentCallSid = parent }, Ct), Ct),
            Task.Run(() => writer.ApplyAsync(new CallStatusUpdate(leg, CallStatus.InProgress, 1, at.AddSeconds(7)) { ParentCallSid = parent }, Ct), Ct));

        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var stored = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == parent, Ct);
        Assert.NotNull(stored.TransferStartedAt);
        Assert.Equal(at.AddSeconds(7), stored.TransferAnsweredAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(CallStatus.InProgress, (await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == leg, Ct)).Status);
    }
}

public sealed class SqliteCallWriterTests(SqliteDatabase database) : CallWriterTests<SqliteDatabase>(database);

public sealed class PostgresCallWriterTests(PostgresDatabase database) : CallWriterTests<PostgresDatabase>(database);
