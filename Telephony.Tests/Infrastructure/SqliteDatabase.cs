using Microsoft.Data.Sqlite;
using Telephony.Data;
using Telephony.Data.Infrastructure;

namespace Telephony.Tests.Infrastructure;

/// <summary>A SQLite database in a temporary file (not in memory: WAL, locking and pooling behave as in production).</summary>
public class SqliteDatabase : TestDatabase
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"telephony-test-{Guid.NewGuid():N}.db");

    public SqliteDatabase()
        : this(migrate: true)
    {
    }

    protected SqliteDatabase(bool migrate)
        : base(migrate)
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={path}";

    public static async Task<SqliteDatabase> CreateEmptyAsync()
    {
        var database = new SqliteDatabase(migrate: false);
        await database.InitializeAsync();
        return database;
    }

    public override TelephonyDbContext CreateDbContext() => TelephonyDbOptions.CreateSqlite(ConnectionString);

    protected override Task CreateAsync() => Task.CompletedTask;

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
