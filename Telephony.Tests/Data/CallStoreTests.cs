using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

public abstract class CallStoreTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TDatabase database;
    private readonly FakeTimeProvider time = new(T0);
    private readonly CallStore store;

    protected CallStoreTests(TDatabase database)
    {
        this.database = database;
        store = new CallStore(database, time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_front_door_creates_the_call_once_even_when_Twilio_retries()
    {
        var sid = NewSid();

        var first = await store.RecordFrontDoorAsync(new NewCall(sid, "AC1", "+15550001111", "+15550009999"), Ct);
        var retry = await store.RecordFrontDoorAsync(new NewCall(sid, "AC1", "+15550001111", "+15550009999"), Ct);

        Assert.True(first);
        Assert.False(retry);
        var call = await store.FindAsync(sid, Ct);
        Assert.NotNull(call);
        Assert.Equal(CallStatus.Ringing, call.Status);
        Assert.Equal(T0, call.CreatedAt);
    }

    [Fact]
    public async Task Out_of_order_callbacks_never_move_a_call_backwards()
    {
        var sid = await FrontDoorAsync();

        var completed = await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Completed, 3, T0.AddSeconds(60), 50), Ct);
        var lateInProgress = await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.InProgress, 2, T0.AddSeconds(10)), Ct);
        var lateRinging = await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Ringing, 1, T0.AddSeconds(1)), Ct);

        Assert.Equal(StatusApplyOutcome.Applied, completed);
        Assert.Equal(StatusApplyOutcome.Stale, lateInProgress);
        Assert.Equal(StatusApplyOutcome.Stale, lateRinging);
        var call = await store.FindAsync(sid, Ct);
        Assert.Equal(CallStatus.Completed, call!.Status);
        Assert.Equal(3, call.LastSequenceNumber);
        Assert.Equal(50, call.DurationSeconds);
        Assert.Equal(T0.AddSeconds(60), call.EndedAt);
    }

    [Fact]
    public async Task Without_sequence_numbers_an_earlier_status_is_still_ignored()
    {
        var sid = await FrontDoorAsync();

        await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.InProgress), Ct);
        var backwards = await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Ringing), Ct);
        await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Busy), Ct);
        var secondTerminal = await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Completed), Ct);

        Assert.Equal(StatusApplyOutcome.Stale, backwards);
        Assert.Equal(StatusApplyOutcome.Stale, secondTerminal);
        Assert.Equal(CallStatus.Busy, (await store.FindAsync(sid, Ct))!.Status);
    }

    [Fact]
    public async Task A_duplicate_callback_is_a_no_op_and_adds_no_event()
    {
        var sid = await FrontDoorAsync();
        var update = new CallStatusUpdate(sid, CallStatus.InProgress, 1, T0.AddSeconds(5));

        var first = await store.ApplyStatusAsync(update, Ct);
        var again = await store.ApplyStatusAsync(update, Ct);

        Assert.Equal(StatusApplyOutcome.Applied, first);
        Assert.Equal(StatusApplyOutcome.Duplicate, again);
        await using var db = database.CreateDbContext();
        var kinds = await db.CallEvents.Where(e => e.CallSid == sid).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(Ct);
        Assert.Equal(["created", "status"], kinds);
    }

    [Fact]
    public async Task Duration_is_computed_from_answer_to_end_when_Twilio_sends_none()
    {
        var sid = await FrontDoorAsync();

        await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.InProgress, 1, T0.AddSeconds(3)), Ct);
        await store.ApplyStatusAsync(new CallStatusUpdate(sid, CallStatus.Completed, 2, T0.AddSeconds(45)), Ct);

        var call = await store.FindAsync(sid, Ct);
        Assert.Equal(T0.AddSeconds(3), call!.AnsweredAt);
        Assert.Equal(42, call.DurationSeconds);
    }

    [Fact]
    public async Task A_dialled_leg_is_created_from_its_first_callback_and_stamps_the_transfer_on_the_parent()
    {
        var parent = await FrontDoorAsync();
        var leg = NewSid();

        var created = await store.ApplyStatusAsync(
            new CallStatusUpdate(leg, CallStatus.Ringing, 0, T0.AddSeconds(20)) { ParentCallSid = parent, To = "+15550002222" }, Ct);
        await store.ApplyStatusAsync(new CallStatusUpdate(leg, CallStatus.InProgress, 1, T0.AddSeconds(27)) { ParentCallSid = parent }, Ct);

        Assert.Equal(StatusApplyOutcome.Created, created);
        var child = await store.FindAsync(leg, Ct);
        Assert.Equal(parent, child!.ParentCallSid);
        Assert.Equal("outbound-dial", child.Direction);
        var parentCall = await store.FindAsync(parent, Ct);
        Assert.Equal(T0.AddSeconds(20), parentCall!.TransferStartedAt);
        Assert.Equal(T0.AddSeconds(27), parentCall.TransferAnsweredAt);
        Assert.Equal(CallStatus.Ringing, parentCall.Status);
    }

    [Fact]
    public async Task Concurrent_callbacks_for_one_call_settle_on_the_latest_status()
    {
        var sid = await FrontDoorAsync();
        var updates = new[]
        {
            new CallStatusUpdate(sid, CallStatus.Initiated, 0),
            new CallStatusUpdate(sid, CallStatus.Ringing, 1),
            new CallStatusUpdate(sid, CallStatus.InProgress, 2),
            new CallStatusUpdate(sid, CallStatus.Completed, 3, CallDuration: 30),
        };

        await Task.WhenAll(updates.Concat(updates).Select(u => Task.Run(() => store.ApplyStatusAsync(u, Ct))));

        var call = await store.FindAsync(sid, Ct);
        Assert.Equal(CallStatus.Completed, call!.Status);
        Assert.Equal(3, call.LastSequenceNumber);
        Assert.Equal(30, call.DurationSeconds);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_raises_a_concurrency_exception()
    {
        var sid = await FrontDoorAsync();
        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var a = await first.Calls.SingleAsync(c => c.CallSid == sid, Ct);
        var b = await second.Calls.SingleAsync(c => c.CallSid == sid, Ct);

        a.Route = CallRoute.Sales;
        await first.SaveChangesAsync(Ct);
        b.Route = CallRoute.Support;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Dial_result_transfer_and_voicemail_are_recorded_on_the_call()
    {
        var sid = await FrontDoorAsync();
        time.Advance(TimeSpan.FromSeconds(12));

        await store.ApplyAsync(sid, [CallChange.TransferStarted(CallRoute.Support)], Ct);
        await store.ApplyAsync(sid, [CallChange.DialResult("no-answer", 0)], Ct);
        await store.ApplyAsync(sid, [CallChange.ReachedVoicemail], Ct);

        var call = await store.FindAsync(sid, Ct);
        Assert.Equal(CallRoute.Support, call!.Route);
        Assert.Equal(T0.AddSeconds(12), call.TransferStartedAt);
        Assert.Equal("no-answer", call.DialCallStatus);
        Assert.True(call.ReachedVoicemail);
        Assert.False(await store.ApplyAsync(NewSid(), [CallChange.ReachedVoicemail], Ct));
    }

    [Fact]
    public async Task What_one_webhook_decided_is_stored_with_one_save_and_its_events_in_order()
    {
        var sid = await FrontDoorAsync();
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await store.ApplyAsync(sid, [CallChange.DialResult("no-answer", 0), new CallChange("transfer-ended", "NoAnswer"), CallChange.ReachedVoicemail], Ct));

        await using var db = database.CreateDbContext();
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == sid, Ct);
        Assert.Equal(("no-answer", true, CallRoute.Voicemail, T0.AddSeconds(30)), (call.DialCallStatus, call.ReachedVoicemail, call.Route, call.UpdatedAt));
        var events = await db.CallEvents.AsNoTracking().Where(e => e.CallSid == sid).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(Ct);
        Assert.Equal(["created", "dial", "transfer-ended", "voicemail"], events);

        // A call that was never stored: its changes are skipped and nothing is written.
        var unknown = NewSid();
        Assert.False(await store.ApplyAsync(unknown, [CallChange.ReachedVoicemail, CallChange.DialResult("busy", 0)], Ct));
        Assert.Equal(0, await db.CallEvents.CountAsync(e => e.CallSid == unknown, Ct));
    }

    private async Task<string> FrontDoorAsync()
    {
        var sid = NewSid();
        await store.RecordFrontDoorAsync(new NewCall(sid, "AC1", "+15550001111", "+15550009999"), Ct);
        return sid;
    }

    private static string NewSid() => "CA" + Guid.NewGuid().ToString("N");
}

public sealed class SqliteCallStoreTests(SqliteDatabase database) : CallStoreTests<SqliteDatabase>(database);

public sealed class PostgresCallStoreTests(PostgresDatabase database) : CallStoreTests<PostgresDatabase>(database);
