using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Consent;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

/// <summary>
/// The call batch on PostgreSQL, called directly: <see cref="CallWriter"/> falls back to EF Core when the batch fails, so
/// the writer's tests alone would pass with a broken statement. The batch must store exactly what EF Core stores.
/// </summary>
public sealed class PostgresCallBatchTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_whole_transfer_in_one_batch_stores_the_same_rows_results_and_timeline_as_EF_Core_one_unit_at_a_time()
    {
        var store = new CallStore(database, new FakeTimeProvider(T0));
        var (efParent, efLeg) = (NewSid(), NewSid());
        var (batchParent, batchLeg) = (NewSid(), NewSid());
        await store.RecordFrontDoorAsync(new NewCall(efParent, "AC1", "+15550001111", "+15550009999") { At = T0 }, Ct);
        await store.RecordFrontDoorAsync(new NewCall(batchParent, "AC1", "+15550001111", "+15550009999") { At = T0 }, Ct);

        var efResults = new List<CallWorkResult>();
        foreach (var work in Transfer(efParent, efLeg))
        {
            efResults.Add(await store.ApplyAsync(work, Ct));
        }

        var batchResults = await PostgresCallBatch.WriteAsync(database.ConnectionString, Transfer(batchParent, batchLeg), T0, Ct);

        Assert.Equal(efResults, batchResults);
        Assert.Contains(batchResults, r => r.Status == StatusApplyOutcome.Stale);
        Assert.Contains(batchResults, r => r.Status == StatusApplyOutcome.Duplicate);
        Assert.Equal(await SnapshotAsync(efParent, efLeg), await SnapshotAsync(batchParent, batchLeg));

        await using var db = database.CreateDbContext();
        var parent = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == batchParent, Ct);
        Assert.Equal((CallStatus.Completed, CallRoute.Sales, ConsentState.Withdrawn, "completed"), (parent.Status, parent.Route, parent.ConsentState, parent.DialCallStatus));
        Assert.Equal((T0, T0.AddSeconds(15)), (parent.TransferStartedAt, parent.TransferAnsweredAt)); // started when the Dial was returned
        var leg = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == batchLeg, Ct);
        Assert.Equal((CallStatus.Completed, batchParent, 30, 3), (leg.Status, leg.ParentCallSid, leg.DurationSeconds, leg.LastSequenceNumber));
    }

    [Fact]
    public async Task A_batch_announces_every_call_it_wrote_and_every_ledger_entry_once_committed()
    {
        await using var instance = await ChangeFeedInstance.StartAsync(DatabaseProvider.Postgres, database.ConnectionString);
        using var feed = instance.Feed.Subscribe(1000);
        await feed.NextAsync(n => n.IsResync, Patience); // the listener is connected
        var (parent, leg) = (NewSid(), NewSid());
        await new CallStore(database, TimeProvider.System).RecordFrontDoorAsync(new NewCall(parent, "AC1", "+15550001111", "+15550009999"), Ct);

        await PostgresCallBatch.WriteAsync(database.ConnectionString,
            [CallWork.Consent(Consent(parent, ConsentDecision.Granted)), CallWork.Status(new CallStatusUpdate(leg, CallStatus.Ringing, 0, T0) { ParentCallSid = parent })],
            DateTimeOffset.UtcNow, Ct);

        Assert.Equal("Ringing", (await feed.NextAsync(n => n.Kind == ChangeKinds.Call && n.Id == leg, Patience)).State);
        Assert.Equal("Ringing", (await feed.NextAsync(n => n.Kind == ChangeKinds.Call && n.Id == parent, Patience)).State);
        Assert.Equal("Granted", (await feed.NextAsync(n => n.Kind == ChangeKinds.Consent && n.Id == parent, Patience)).State);
    }

    [Fact]
    public async Task A_failing_batch_stores_nothing_of_any_unit()
    {
        var (parent, leg) = (NewSid(), NewSid());
        await new CallStore(database, TimeProvider.System).RecordFrontDoorAsync(new NewCall(parent, "AC1", "+15550001111", "+15550009999"), Ct);

        // The last unit's event names a call that does not exist: the events' call check refuses it, and with it the batch.
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => PostgresCallBatch.WriteAsync(database.ConnectionString,
            [
                CallWork.Status(new CallStatusUpdate(leg, CallStatus.Ringing, 0, T0) { ParentCallSid = parent }),
                CallWork.Changes(parent, [CallChange.TransferStarted(CallRoute.Support)]),
                CallWork.Changes(NewSid(), [new CallChange("call-recording", "RE1 (3 s)")]),
            ], DateTimeOffset.UtcNow, Ct));

        await using var db = database.CreateDbContext();
        Assert.False(await db.Calls.AnyAsync(c => c.CallSid == leg, Ct));
        var stored = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == parent, Ct);
        Assert.Equal((CallRoute.None, null), (stored.Route, stored.TransferStartedAt));
        Assert.Equal(["created"], await db.CallEvents.Where(e => e.CallSid == parent).Select(e => e.Kind).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_call_another_writer_changed_after_the_batch_read_it_makes_the_batch_store_nothing_and_fail()
    {
        var (parent, leg) = (NewSid(), NewSid());
        var store = new CallStore(database, TimeProvider.System);
        await store.RecordFrontDoorAsync(new NewCall(parent, "AC1", "+15550001111", "+15550009999"), Ct);

        // Between the batch's read and its write, another writer moves the call (EF Core, with its own version).
        var raced = new CallWork(parent, (rows, now) =>
        {
            store.ApplyAsync(parent, [new CallChange("language", "fr", (c, _) => c.Language = "fr")], CancellationToken.None).GetAwaiter().GetResult();
            return new(CallRules.ApplyChanges(rows, parent, [CallChange.TransferStarted(CallRoute.Sales)], now));
        });

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => PostgresCallBatch.WriteAsync(database.ConnectionString,
            [CallWork.Status(new CallStatusUpdate(leg, CallStatus.Ringing, 0, T0) { ParentCallSid = parent }), raced], DateTimeOffset.UtcNow, Ct));

        await using var db = database.CreateDbContext();
        var stored = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == parent, Ct);
        Assert.Equal(("fr", CallRoute.None), (stored.Language, stored.Route)); // the other writer's change, not the batch's
        Assert.False(await db.Calls.AnyAsync(c => c.CallSid == leg, Ct));
        Assert.DoesNotContain("transfer", await db.CallEvents.Where(e => e.CallSid == parent).Select(e => e.Kind).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_read_finds_each_call_through_its_sid_and_scans_only_that_calls_month()
    {
        // Two calls in two months (the legacy partition and the first monthly one ahead): each look-up reads CallSids by
        // its key, and PostgreSQL prunes Calls to the one partition that holds the call, at run time.
        var store = new CallStore(database, TimeProvider.System);
        var (old, ahead) = (NewSid(), NewSid());
        var nextMonth = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2).AddDays(3);
        await store.RecordFrontDoorAsync(new NewCall(old, "AC1", "+15550001111", "+15550009999") { At = T0 }, Ct);
        await store.RecordFrontDoorAsync(new NewCall(ahead, "AC1", "+15550001111", "+15550009999") { At = nextMonth }, Ct);

        await using var connection = new Npgsql.NpgsqlConnection(Telephony.Data.Infrastructure.BatchConnections.ForBatches(database.ConnectionString));
        await connection.OpenAsync(Ct);
        var partitions = await CallPartitions.ListAsync(connection, Ct);
        Assert.True(partitions.Count(p => p.Parent == "Calls") >= 3, string.Join(", ", partitions));
        var plan = await PlanAsync(connection, "SET plan_cache_mode = force_generic_plan; PREPARE batch_read_months(text[]) AS " + PostgresCallBatch.ReadSql.Replace("@sids", "$1", StringComparison.Ordinal),
            $"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE batch_read_months(ARRAY['{old}', '{ahead}'])");

        Assert.True(plan.Any(line => line.Contains(" on \"PK_CallSids\"", StringComparison.Ordinal) || line.Contains("using \"PK_CallSids\"", StringComparison.Ordinal)), string.Join(Environment.NewLine, plan));
        var callScans = plan.Where(line => line.Contains(" on \"Calls_", StringComparison.Ordinal)).ToList();
        var executed = callScans.Where(line => !line.Contains("never executed", StringComparison.Ordinal)).ToList();
        Assert.True(callScans.Count >= 2 * 3, string.Join(Environment.NewLine, plan)); // every month, in the parents' look-up and the calls'
        Assert.Equal(4, executed.Count); // two months, once in each look-up
        Assert.All(executed, line => Assert.Contains("Index", line, StringComparison.Ordinal));
        Assert.All(executed, line => Assert.EndsWith("loops=1)", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reads_cached_plan_uses_only_the_keys_when_few_calls_have_a_parent()
    {
        // The plan a prepared statement keeps is the generic one, made on the statistics of the moment: here a table of
        // parent calls, as at the start of a burst. Once legs are half the table, an index scan of every leg
        // (ParentCallSid IS NOT NULL) ANDed into that plan makes each read ten times slower.
        await using var connection = new Npgsql.NpgsqlConnection(Telephony.Data.Infrastructure.BatchConnections.ForBatches(database.ConnectionString));
        await connection.OpenAsync(Ct);
        var plan = await PlanAsync(connection, """
            INSERT INTO "Calls" ("CallSid", "AccountSid", "Direction", "From", "To", "Status", "Route", "Language", "ConsentState",
                                 "RateLimited", "CreatedAt", "UpdatedAt", "ReachedVoicemail", "Version")
            SELECT 'CAplan' || g, 'AC1', 'inbound', '+15550001111', '+15550002222', 'Completed', 'None', 'en', 'Unknown',
                   false, now(), now(), false, gen_random_uuid()
            FROM generate_series(1, 5000) g;
            ANALYZE "Calls";
            ANALYZE "CallSids";
            SET plan_cache_mode = force_generic_plan;
            PREPARE batch_read(text[]) AS
            """ + " " + PostgresCallBatch.ReadSql.Replace("@sids", "$1", StringComparison.Ordinal), "EXPLAIN EXECUTE batch_read(ARRAY['CAplan1', 'CAplan2'])");

        var indexes = plan.Where(line => line.Contains("Index", StringComparison.Ordinal) && line.Contains(" on ", StringComparison.Ordinal)).ToList();
        Assert.Contains(indexes, line => line.Contains("PK_CallSids", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("ParentCallSid_CreatedAt", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on \"CallSids\"", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(Npgsql.NpgsqlConnection connection, string prepare, string explain)
    {
        await using (var command = new Npgsql.NpgsqlCommand(prepare, connection))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        List<string> plan = [];
        await using (var command = new Npgsql.NpgsqlCommand(explain, connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        return plan;
    }

    // What a transferred call's webhooks after the front door store, out of order where Twilio may be.
    private static List<CallWork> Transfer(string parent, string leg) =>
    [
        CallWork.Consent(Consent(parent, ConsentDecision.Granted)),
        CallWork.Changes(parent, [new CallChange("route", "sales", (c, _) => c.Route = CallRoute.Sales), CallChange.TransferStarted(CallRoute.Sales)]),
        CallWork.Status(new CallStatusUpdate(leg, CallStatus.Initiated, 0, T0.AddSeconds(10)) { ParentCallSid = parent, AccountSid = "AC1", From = "+15550009999", To = "+15550002222" }),
        CallWork.Status(new CallStatusUpdate(leg, CallStatus.Ringing, 1, T0.AddSeconds(11)) { ParentCallSid = parent }),
        CallWork.Status(new CallStatusUpdate(leg, CallStatus.InProgress, 2, T0.AddSeconds(15)) { ParentCallSid = parent }),
        CallWork.Status(new CallStatusUpdate(leg, CallStatus.Ringing, 1, T0.AddSeconds(11)) { ParentCallSid = parent }),
        CallWork.Status(new CallStatusUpdate(leg, CallStatus.Completed, 3, T0.AddSeconds(45), 30) { ParentCallSid = parent }),
        CallWork.Status(new CallStatusUpdate(leg, CallStatus.Completed, 3, T0.AddSeconds(45), 30) { ParentCallSid = parent }),
        CallWork.Changes(parent, [new CallChange(CallEventKinds.CallRecording, "RE1 (30 s)")]),
        CallWork.Changes(parent, [CallChange.DialResult("completed", 30), new CallChange("transfer-ended", "Completed")]),
        CallWork.Consent(Consent(parent, ConsentDecision.Withdrawn)),
        CallWork.Consent(Consent(parent, ConsentDecision.Granted)),
        CallWork.Status(new CallStatusUpdate(parent, CallStatus.Completed, null, T0.AddSeconds(50), 50)),
    ];

    // Every stored field of both calls, their timelines and ledger entries, with the sids replaced by their roles.
    private async Task<string> SnapshotAsync(string parent, string leg)
    {
        await using var db = database.CreateDbContext();
        string Role(string? sid) => sid == parent ? "parent" : sid == leg ? "leg" : sid ?? "-";
        var calls = await db.Calls.AsNoTracking().Where(c => c.CallSid == parent || c.CallSid == leg).OrderBy(c => c.CreatedAt).ToListAsync(Ct);
        var events = await db.CallEvents.AsNoTracking().Where(e => e.CallSid == parent || e.CallSid == leg).OrderBy(e => e.Id).ToListAsync(Ct);
        var ledger = await db.ConsentRecords.AsNoTracking().Where(r => r.CallSid == parent).OrderBy(r => r.Id).ToListAsync(Ct);
        return string.Join('\n', [
            .. calls.Select(c => string.Join('|', Role(c.CallSid), Role(c.ParentCallSid), c.AccountSid, c.Direction, c.From, c.To, c.Status, c.Route, c.Language,
                c.ConsentState, c.RateLimited, c.CreatedAt, c.AnsweredAt, c.EndedAt, c.UpdatedAt, c.DurationSeconds, c.DialCallStatus, c.DialCallDuration,
                c.TransferStartedAt, c.TransferAnsweredAt, c.ReachedVoicemail, c.LastSequenceNumber, c.Version != Guid.Empty)),
            .. events.Select(e => string.Join('|', Role(e.CallSid), e.Kind, e.Detail, e.OccurredAt)),
            .. ledger.Select(r => string.Join('|', Role(r.CallSid), r.CallerNumber, r.Decision, r.PromptVersion, r.Language, r.Jurisdiction, r.Method, r.RecordedAt)),
        ]);
    }

    private static ConsentEntry Consent(string callSid, ConsentDecision decision) =>
        new(callSid, "+15550001111", decision, "v1", "en", "CA-PIPEDA", decision == ConsentDecision.Withdrawn ? "dtmf-8" : "disclosure-continued");

    private static string NewSid() => "CA" + Guid.NewGuid().ToString("N");
}
