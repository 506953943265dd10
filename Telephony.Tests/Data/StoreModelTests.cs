using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Infrastructure;
using Telephony.Data.RateLimiting;
using Telephony.Data.Seeding;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

/// <summary>The statements written by hand (the PostgreSQL batches, the bulk loads) take their columns from EF Core's model.</summary>
public sealed class StoreModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_call_batch_reads_and_writes_every_column_the_model_maps_for_a_call()
    {
        var mapped = new StoreTable<Call>(StoreModels.Postgres).Properties.Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(mapped, PostgresCallBatch.Properties.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_bulk_loads_write_every_column_the_model_maps_for_a_call_on_both_providers()
    {
        Assert.Equal(new StoreTable<Call>(StoreModels.Postgres).Properties, SeedColumns<Call>.Postgres.Properties);
        Assert.Equal(new StoreTable<Call>(StoreModels.Sqlite).Properties, SeedColumns<Call>.Sqlite.Properties);
        Assert.Contains("\"CallSid\"", SeedColumns<Call>.Sqlite.QuotedList, StringComparison.Ordinal);
        Assert.Equal("\"Calls\"", SeedColumns<Call>.Postgres.Table);
    }

    [Fact]
    public void The_bulk_loads_write_every_ledger_column_but_the_numbered_key_on_both_providers()
    {
        foreach (var (model, columns) in new[] { (StoreModels.Postgres, SeedColumns<ConsentRecord>.Postgres), (StoreModels.Sqlite, SeedColumns<ConsentRecord>.Sqlite) })
        {
            Assert.Equal(new StoreTable<ConsentRecord>(model).Properties.Where(p => p.Name != nameof(ConsentRecord.Id)), columns.Properties);
            Assert.Equal("\"ConsentRecords\"", columns.Table);
            Assert.DoesNotContain("\"Id\"", columns.QuotedList, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_seeded_SQLite_ledger_entry_is_stored_exactly_as_EF_Core_stores_the_same_entry()
    {
        await using var database = new SqliteDatabase();
        await database.InitializeAsync();
        ConsentRecord Make(string sid) => new()
        {
            CallSid = sid, CallerNumber = "+15145550100", Decision = ConsentDecision.Withdrawn, PromptVersion = ConsentPolicy.PromptVersion,
            Language = "fr", Jurisdiction = ConsentPolicy.Jurisdiction, Method = "dtmf-8",
            RecordedAt = new DateTimeOffset(2025, 6, 1, 12, 0, 7, TimeSpan.FromHours(-4)),
        };
        var efSid = "CA" + new string('a', 32);
        var seededSid = "CA" + new string('b', 32);
        await using (var db = database.CreateDbContext())
        {
            db.ConsentRecords.Add(Make(efSid));
            await db.SaveChangesAsync(Ct);
        }

        await SqliteSeedInsert.WriteAsync(database.ConnectionString, [], [Make(seededSid)], Ct);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);

        Assert.Equal(await RawRowAsync(connection, efSid, "ConsentRecords", "Id"), await RawRowAsync(connection, seededSid, "ConsentRecords", "Id"));
    }

    [Fact]
    public void Every_column_the_batches_write_has_a_parameter_type()
    {
        foreach (var properties in new[]
        {
            new StoreTable<Call>(StoreModels.Postgres).Properties, new StoreTable<CallEvent>(StoreModels.Postgres).Properties,
            new StoreTable<ConsentRecord>(StoreModels.Postgres).Properties, new StoreTable<RateLimitCounter>(StoreModels.Postgres).Properties,
            new StoreTable<RateLimitViolation>(StoreModels.Postgres).Properties,
        })
        {
            Assert.All(properties, p => PostgresStoreTypes.ArrayOf(p));
        }
    }

    [Fact]
    public void The_batch_statements_name_the_tables_and_columns_as_the_model_does()
    {
        Assert.StartsWith("SELECT c.\"CallSid\", c.\"ParentCallSid\", ", PostgresCallBatch.ReadSql, StringComparison.Ordinal);
        Assert.Contains("FROM \"CallSids\" s JOIN \"Calls\" c ON c.\"CallSid\" = s.\"CallSid\" AND c.\"CreatedAt\" = s.\"CreatedAt\"", PostgresCallBatch.ReadSql, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"ConsentRecords\" (\"CallSid\", \"CallerNumber\", \"Decision\"", PostgresCallBatch.WriteSql, StringComparison.Ordinal);
        Assert.Contains("WHERE t.\"CallSid\" = s.a0 AND t.\"CreatedAt\" = s.a11 AND t.\"Version\" = s.decided_on", PostgresCallBatch.WriteSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seeded_SQLite_call_is_stored_exactly_as_EF_Core_stores_the_same_call()
    {
        await using var database = new SqliteDatabase();
        await database.InitializeAsync();
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(-4));
        Call Make(string sid) => new()
        {
            CallSid = sid, AccountSid = "AC" + new string('1', 32), From = "+15145550100", To = "+15145550199", Status = CallStatus.Completed,
            Route = CallRoute.Voicemail, ConsentState = ConsentState.Granted, RateLimited = true, CreatedAt = at, AnsweredAt = at.AddSeconds(3),
            UpdatedAt = at.AddMinutes(1), DurationSeconds = 60, DialCallStatus = "no-answer", ReachedVoicemail = true, LastSequenceNumber = 4,
            Version = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        };
        var efSid = "CA" + new string('a', 32);
        var seededSid = "CA" + new string('b', 32);
        await using (var db = database.CreateDbContext())
        {
            var call = Make(efSid);
            db.Calls.Add(call);
            await db.SaveChangesAsync(Ct);
            var version = call.Version; // the context stamps a new version on save: give the seeded call the same one
            await SqliteSeedInsert.WriteAsync(database.ConnectionString, [Make(seededSid)], [], Ct);
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using (var stamp = connection.CreateCommand())
            {
                stamp.CommandText = "UPDATE \"Calls\" SET \"Version\" = (SELECT \"Version\" FROM \"Calls\" WHERE \"CallSid\" = $ef) WHERE \"CallSid\" = $seeded";
                stamp.Parameters.AddWithValue("$ef", efSid);
                stamp.Parameters.AddWithValue("$seeded", seededSid);
                await stamp.ExecuteNonQueryAsync(Ct);
            }

            Assert.Equal(await RawRowAsync(connection, efSid), await RawRowAsync(connection, seededSid));
            Assert.NotEqual(Guid.Empty, version);
        }
    }

    [Fact]
    public async Task The_seeded_SQLite_version_is_upper_case_text_as_EF_Core_writes_it()
    {
        await using var database = new SqliteDatabase();
        await database.InitializeAsync();
        var version = Guid.NewGuid();
        await SqliteSeedInsert.WriteAsync(database.ConnectionString, [new Call { CallSid = "CA" + new string('c', 32), Version = version }], [], Ct);
        await using var db = database.CreateDbContext();

        Assert.Equal(version, (await db.Calls.AsNoTracking().SingleAsync(Ct)).Version);
        Assert.Equal(
            1,
            await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"Calls\" WHERE \"Version\" = {0}", version.ToString().ToUpperInvariant()).SingleAsync(Ct));
    }

    // Every column but the call id and the key, as SQLite holds it: its storage class and its text.
    private static async Task<string[]> RawRowAsync(SqliteConnection connection, string sid, string table = "Calls", string key = "CallSid")
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"CallSid\" = $sid";
        command.Parameters.AddWithValue("$sid", sid);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return [.. Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) is var name && name != "CallSid" && name != key)
            .Select(i => $"{reader.GetName(i)}:{reader.GetDataTypeName(i)}:{(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i))}")];
    }
}
