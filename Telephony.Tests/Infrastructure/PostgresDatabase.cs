using Npgsql;
using Telephony.Data;
using Telephony.Data.Infrastructure;

namespace Telephony.Tests.Infrastructure;

/// <summary>
/// A fresh, uniquely named PostgreSQL database (created with the role from <c>TELEPHONY_TEST_POSTGRES</c>, which needs
/// CREATEDB) and dropped on dispose. Fails loudly when PostgreSQL is not configured or unreachable: never skips.
/// </summary>
public class PostgresDatabase : TestDatabase
{
    public const string EnvironmentVariable = "TELEPHONY_TEST_POSTGRES";

    private string? adminConnectionString;
    private string? connectionString;
    private string? databaseName;

    public PostgresDatabase()
        : this(migrate: true)
    {
    }

    protected PostgresDatabase(bool migrate)
        : base(migrate)
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    /// <summary>An empty database (no migrations applied); dispose it to drop it.</summary>
    public static async Task<PostgresDatabase> CreateEmptyAsync()
    {
        var database = new PostgresDatabase(migrate: false);
        await database.InitializeAsync();
        return database;
    }

    public override TelephonyDbContext CreateDbContext() => TelephonyDbOptions.CreatePostgres(ConnectionString);

    protected override async Task CreateAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. PostgreSQL tests need it, e.g. " +
                "'Host=localhost;Port=5432;Username=telephony;Password=telephony;Database=telephony' (./test.sh sets it and starts PostgreSQL).");
        }

        adminConnectionString = configured;
        databaseName = $"telephony_test_{Guid.NewGuid():N}";
        try
        {
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            var target = new NpgsqlConnectionStringBuilder(configured);
            throw new InvalidOperationException(
                $"PostgreSQL at {target.Host}:{target.Port} (user '{target.Username}') is unreachable or refused CREATE DATABASE: {e.Message}. " +
                "Start it (./test.sh does: pg_ctlcluster 15 main start) and give the role CREATEDB.", e);
        }

        connectionString = new NpgsqlConnectionStringBuilder(configured) { Database = databaseName }.ConnectionString;
    }

    protected override async Task DropAsync()
    {
        if (adminConnectionString is null || databaseName is null)
        {
            return;
        }

        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", admin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                // An autovacuum worker is in the database, and FORCE may not end it (it has no role the test user
                // belongs to); it finishes within moments on a test database.
                await Task.Delay(250);
            }
        }
    }
}
