using Npgsql;

namespace Telephony.Bench;

/// <summary>A throwaway PostgreSQL database on the benchmark's server, dropped at the end.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string admin;

    private ScratchDatabase(string admin, string name, string connectionString)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string adminConnectionString, string purpose)
    {
        var name = $"bench_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name };
        return new ScratchDatabase(adminConnectionString, name, builder.ConnectionString);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();

        // An autovacuum worker may still be on the database (FORCE cannot end it without superuser): try again shortly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 10)
            {
                Console.Error.WriteLine($"(dropping {Name}: {e.MessageText}; retrying)");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
