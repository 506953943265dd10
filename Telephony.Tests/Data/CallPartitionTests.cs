using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Infrastructure;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Database;
using static Telephony.Tests.Data.FrontDoorEntries;

namespace Telephony.Tests.Data;

/// <summary>
/// PostgreSQL's monthly partitions of <c>Calls</c> and <c>CallEvents</c>: the migration of a database with data, the
/// months created ahead, and a sid's uniqueness across months on every insert path.
/// </summary>
public sealed class CallPartitionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset MonthStart(DateTimeOffset at, int monthsLater) =>
        new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(monthsLater);

    [Fact]
    public async Task The_migration_keeps_every_call_and_event_of_a_database_with_data_and_fills_CallSids()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        var t0 = new DateTimeOffset(2025, 11, 30, 23, 59, 0, TimeSpan.Zero);
        List<Call> calls = [];
        List<CallEvent> events = [];
        await using (var db = database.CreateDbContext())
        {
            // A database in production before the partitions, with calls over several months, legs and timelines.
            await db.GetService<IMigrator>().MigrateAsync("CallDetailRetention", Ct);
            for (var i = 0; i < 40; i++)
            {
                var call = new Call { CallSid = NewSid(), From = "+15550001111", CreatedAt = t0.AddDays(-9 * i), UpdatedAt = t0, Version = Guid.NewGuid() };
                calls.Add(call);
                if (i % 4 == 0)
                {
                    calls.Add(new Call { CallSid = NewSid(), ParentCallSid = call.CallSid, Direction = "outbound-dial", CreatedAt = call.CreatedAt.AddSeconds(20), UpdatedAt = t0, Version = Guid.NewGuid() });
                }

                events.Add(new CallEvent { CallSid = call.CallSid, Kind = "created", Detail = "front door", OccurredAt = call.CreatedAt });
                events.Add(new CallEvent { CallSid = call.CallSid, Kind = "status", Detail = "Completed", OccurredAt = call.CreatedAt.AddMinutes(2) }); // past midnight for the first
            }

            db.AddRange(calls);
            db.AddRange(events);
            await db.SaveChangesAsync(Ct);
        }

        var before = await RowsAsync(database);
        var maxId = events.Max(e => e.Id);

        await database.MigrateAsync();

        Assert.Equal(before, await RowsAsync(database));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.Equal(
            string.Join(", ", calls.OrderBy(c => c.CallSid, StringComparer.Ordinal).Select(c => $"{c.CallSid} {c.CreatedAt.UtcDateTime:O}")),
            string.Join(", ", await ListAsync(connection, """SELECT "CallSid" || ' ' || to_char("CreatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US0"Z"') FROM "CallSids" ORDER BY "CallSid" COLLATE "C" """)));
        Assert.Equal(["CallEvents", "Calls"], await ListAsync(connection, "SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1"));

        // Every old row sits in the legacy partitions; the months after it exist ahead.
        Assert.Equal([calls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)], await ListAsync(connection, "SELECT count(*)::text FROM \"Calls_legacy\""));
        Assert.Equal([events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)], await ListAsync(connection, "SELECT count(*)::text FROM \"CallEvents_legacy\""));
        var partitions = await CallPartitions.ListAsync(connection, Ct);
        var legacyEnd = MonthStart(DateTimeOffset.UtcNow, 1);
        Assert.Equal(legacyEnd, partitions.Single(p => p.Name == "Calls_legacy").UpperBound);
        Assert.Equal(legacyEnd, partitions.Single(p => p.Name == "CallEvents_legacy").UpperBound);
        foreach (var month in Enumerable.Range(1, CallPartitions.MonthsAhead).Select(m => MonthStart(DateTimeOffset.UtcNow, m)))
        {
            Assert.Contains(partitions, p => p.Name == $"Calls_{month:yyyy_MM}" && p.UpperBound == month.AddMonths(1));
            Assert.Contains(partitions, p => p.Name == $"CallEvents_{month:yyyy_MM}" && p.UpperBound == month.AddMonths(1));
        }

        // New events continue the old ids; a new call in a month ahead, and an update of an old call, work through EF Core.
        var ahead = MonthStart(DateTimeOffset.UtcNow, 2).AddDays(4);
        await using (var db = database.CreateDbContext())
        {
            var sid = NewSid();
            db.Calls.Add(new Call { CallSid = sid, From = "+15550002222", CreatedAt = ahead, UpdatedAt = ahead });
            var next = new CallEvent { CallSid = sid, Kind = "created", Detail = "front door", OccurredAt = ahead };
            db.CallEvents.Add(next);
            var old = await db.Calls.SingleAsync(c => c.CallSid == calls[3].CallSid, Ct);
            old.Language = "fr";
            await db.SaveChangesAsync(Ct);
            Assert.True(next.Id > maxId, $"{next.Id} after {maxId}");
            Assert.Equal([$"Calls_{ahead:yyyy_MM}"], await ListAsync(connection, $"SELECT p.relname::text FROM \"Calls\" c JOIN pg_class p ON p.oid = c.tableoid WHERE c.\"CallSid\" = '{sid}'"));
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal("fr", (await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == calls[3].CallSid, Ct)).Language);
        }

        // A stored sid is still unique, in any month; an event still needs its call.
        await using (var db = database.CreateDbContext())
        {
            db.Calls.Add(new Call { CallSid = calls[0].CallSid, From = "+15550001111", CreatedAt = ahead, UpdatedAt = ahead });
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.True(DbErrors.IsUniqueViolation(duplicate), duplicate.InnerException?.Message);
        }

        await using (var db = database.CreateDbContext())
        {
            db.CallEvents.Add(new CallEvent { CallSid = NewSid(), Kind = "status", Detail = "x", OccurredAt = t0 });
            var orphan = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(orphan.InnerException).SqlState);
        }
    }

    [Fact]
    public async Task The_worker_creates_the_months_ahead_once_even_when_instances_run_it_at_once()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();

        // A clock half a year on: the current month and the three after it are missing.
        var now = MonthStart(DateTimeOffset.UtcNow, 6).AddDays(12);
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, database.ConnectionString);
        var workers = Enumerable.Range(0, 4).Select(_ => new CallPartitionWorker(settings, new FakeTimeProvider(now), NullLogger<CallPartitionWorker>.Instance)).ToList();

        var created = await Task.WhenAll(workers.Select(w => Task.Run(() => w.EnsureOnceAsync(Ct), Ct)));

        Assert.Equal(2 * (CallPartitions.MonthsAhead + 1), created.Sum());
        Assert.Equal(0, await workers[0].EnsureOnceAsync(Ct));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        var partitions = await CallPartitions.ListAsync(connection, Ct);
        foreach (var month in Enumerable.Range(0, CallPartitions.MonthsAhead + 1).Select(m => MonthStart(now, m)))
        {
            Assert.Contains(partitions, p => p.Name == $"Calls_{month:yyyy_MM}" && p.Parent == "Calls" && p.UpperBound == month.AddMonths(1));
            Assert.Contains(partitions, p => p.Name == $"CallEvents_{month:yyyy_MM}" && p.Parent == "CallEvents" && p.UpperBound == month.AddMonths(1));
        }

        // A call in the new month is stored there.
        var sid = NewSid();
        await new CallStore(database, new FakeTimeProvider(now)).RecordFrontDoorAsync(new NewCall(sid, "AC1", "+15550001111", "+15550009999"), Ct);
        Assert.Equal([$"Calls_{now:yyyy_MM}"], await ListAsync(connection, $"SELECT p.relname::text FROM \"Calls\" c JOIN pg_class p ON p.oid = c.tableoid WHERE c.\"CallSid\" = '{sid}'"));
    }

    [Fact]
    public async Task A_Twilio_retry_handled_later_even_in_another_month_counts_the_caller_once_on_the_batch_and_the_EF_Core_paths()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        var at = MonthStart(DateTimeOffset.UtcNow, 1).AddSeconds(-2); // the retry is handled in the next month
        var (batchSid, efSid) = (NewSid(), NewSid());
        FrontDoorEntry Retry(string sid, DateTimeOffset when) => new(new NewCall(sid, "AC1", "+15550001111", "+15550009999") { At = when }, NewCaller(), 10, when);

        var first = await PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, [Retry(batchSid, at)], Ct);
        var retried = await PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, [Retry(batchSid, at.AddSeconds(5)), Retry(batchSid, at.AddSeconds(6))], Ct);

        Assert.True(first.Single().Created);
        Assert.All(retried, o => Assert.False(o.Created));

        var store = new CallStore(database, TimeProvider.System);
        Assert.True(await store.RecordFrontDoorAsync(new NewCall(efSid, "AC1", "+15550001111", "+15550009999") { At = at }, Ct));
        Assert.False(await store.RecordFrontDoorAsync(new NewCall(efSid, "AC1", "+15550001111", "+15550009999") { At = at.AddSeconds(5) }, Ct));

        // The EF Core path when another instance stored the call between its read and its insert: the sid's trigger refuses it.
        await using (var db = database.CreateDbContext())
        {
            CallStore.AddFrontDoorRows(db, new NewCall(efSid, "AC1", "+15550001111", "+15550009999"), at.AddSeconds(7));
            Assert.True(DbErrors.IsUniqueViolation(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct))));
        }

        await using (var db = database.CreateDbContext())
        {
            foreach (var sid in new[] { batchSid, efSid })
            {
                var call = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == sid, Ct);
                Assert.Equal(at, call.CreatedAt);
                Assert.Equal(1, await db.CallEvents.CountAsync(e => e.CallSid == sid && e.Kind == CallEventKinds.Created, Ct));
            }
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.Equal(["2"], await ListAsync(connection, $"SELECT count(*)::text FROM \"CallSids\" WHERE \"CallSid\" IN ('{batchSid}', '{efSid}')"));
    }

    [Fact]
    public async Task A_sid_stored_in_another_month_is_a_unique_violation_on_PK_CallSids_through_EF_Core_COPY_and_a_later_transaction()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        var at = MonthStart(DateTimeOffset.UtcNow, 1).AddSeconds(-2);
        var next = MonthStart(DateTimeOffset.UtcNow, 1).AddSeconds(3);
        var sid = NewSid();
        FrontDoorEntry Entry(string callSid) => new(new NewCall(callSid, "AC1", "+15550001111", "+15550009999") { At = at }, NewCaller(), 10, at);

        // The front door claims the sid itself, without the trigger.
        Assert.True((await PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, [Entry(sid)], Ct)).Single().Created);

        // EF Core, in the next month: the trigger claims the sid and refuses it, naming the sids' key.
        await using (var db = database.CreateDbContext())
        {
            db.Calls.Add(new Call { CallSid = sid, From = "+15550001111", CreatedAt = next, UpdatedAt = next });
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            AssertSidTaken(Assert.IsType<PostgresException>(duplicate.InnerException));
        }

        // The seeder's COPY, in the next month.
        var copied = new Call { CallSid = sid, AccountSid = "AC1", Direction = "inbound", From = "+15550001111", To = "+15550009999", CreatedAt = next, UpdatedAt = next, Version = Guid.NewGuid() };
        AssertSidTaken(await Assert.ThrowsAsync<PostgresException>(() => Telephony.Data.Seeding.PostgresSeedCopy.WriteAsync(database.ConnectionString, [copied], [], next, next, Ct)));

        // A plain insert after a transaction that set the front door's setting: the setting ended with that transaction.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.Equal(["on"], await ListAsync(connection, "SELECT " + CallPartitions.MarkSidsClaimed));
        await using (var insert = new NpgsqlCommand(
            $"""INSERT INTO "Calls" ({CallPartitions.SidColumns}, "AccountSid", "Direction", "From", "To", "Status", "Route", "Language", "ConsentState", "RateLimited", "UpdatedAt", "ReachedVoicemail", "Version") VALUES ('{sid}', @next, 'AC1', 'inbound', 'a', 'b', 'Queued', 'None', 'en', 'Unknown', false, @next, false, gen_random_uuid())""",
            connection))
        {
            insert.Parameters.AddWithValue("next", next);
            AssertSidTaken(await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Ct)));
        }

        Assert.Equal(["1"], await ListAsync(connection, $"SELECT count(*)::text FROM \"Calls\" WHERE \"CallSid\" = '{sid}'"));
        Assert.Equal([$"{at.UtcDateTime:O}"], await ListAsync(connection, $"SELECT to_char(\"CreatedAt\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US0\"Z\"') FROM \"CallSids\" WHERE \"CallSid\" = '{sid}'"));
    }

    [Fact]
    public async Task The_front_door_batch_claims_each_sid_once_and_leaves_the_trigger_to_the_other_insert_paths()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);

        // In this test's database only: a sid trigger that fails whenever it runs.
        await using (var replace = new NpgsqlCommand(
            """
            CREATE OR REPLACE FUNCTION "Calls_claim_sid"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                RAISE EXCEPTION 'the sid trigger ran for %', NEW."CallSid";
            END
            $fn$
            """,
            connection))
        {
            await replace.ExecuteNonQueryAsync(Ct);
        }

        // A batch over two months, with a Twilio retry in it: the calls are stored, their sids claimed by the statement.
        var at = MonthStart(DateTimeOffset.UtcNow, 1).AddSeconds(-2);
        var (a, b) = (NewSid(), NewSid());
        FrontDoorEntry Entry(string sid, DateTimeOffset when) => new(new NewCall(sid, "AC1", "+15550001111", "+15550009999") { At = when }, NewCaller(), 10, when);
        var outcomes = await PostgresFrontDoorBatch.WriteAsync(database.ConnectionString, [Entry(a, at), Entry(b, at.AddSeconds(4)), Entry(a, at.AddSeconds(5))], Ct);

        Assert.Equal([true, true, false], outcomes.Select(o => o.Created));
        Assert.Equal([a, b], await ListAsync(connection, $"SELECT \"CallSid\" FROM \"CallSids\" ORDER BY \"CreatedAt\""));
        Assert.Equal(["2"], await ListAsync(connection, "SELECT count(*)::text FROM \"Calls\""));

        // The EF Core path still runs the trigger.
        await using var db = database.CreateDbContext();
        var sid = NewSid();
        db.Calls.Add(new Call { CallSid = sid, From = "+15550001111", CreatedAt = at, UpdatedAt = at });
        var failed = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        Assert.Contains($"the sid trigger ran for {sid}", failed.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeder_creates_the_months_it_loads_before_its_copy()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();

        // Three months no partition holds yet (past the months created ahead).
        var end = MonthStart(DateTimeOffset.UtcNow, 8).AddDays(20);
        var span = TimeSpan.FromDays(75);
        var calls = new Telephony.Data.Seeding.SyntheticCalls(5, end, span).Generate(500).ToList();

        var (written, _) = await Telephony.Data.Seeding.PostgresSeedCopy.WriteAsync(database.ConnectionString, calls, [], end - span, end, Ct);

        Assert.Equal(calls.Count, written);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        var months = calls.Select(c => $"Calls_{c.CreatedAt.UtcDateTime:yyyy_MM}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(months.Count >= 3, string.Join(", ", months));
        Assert.Equal(months, await ListAsync(connection, "SELECT DISTINCT p.relname::text FROM \"Calls\" c JOIN pg_class p ON p.oid = c.tableoid ORDER BY 1"));
        Assert.Equal([calls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)], await ListAsync(connection, "SELECT count(*)::text FROM \"CallSids\""));
    }

    private static void AssertSidTaken(PostgresException error)
    {
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("PK_CallSids", error.ConstraintName);
        Assert.Equal("CallSids", error.TableName);
        Assert.Contains("\"PK_CallSids\"", error.MessageText, StringComparison.Ordinal);
    }

    private static async Task<string> RowsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var calls = await db.Calls.AsNoTracking().OrderBy(c => c.CallSid).ToListAsync(Ct);
        var events = await db.CallEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
        return System.Text.Json.JsonSerializer.Serialize(new { calls, events });
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        List<string> values = [];
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
