using Npgsql;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// A session-level <c>pg_advisory_lock</c> that serialises one-time start-up work (migrations, the key ring) between
/// instances starting together. Held on its own unpooled connection, so PostgreSQL releases it if the process dies.
/// </summary>
public sealed class PostgresStartupLock : IAsyncDisposable
{
    /// <summary>An arbitrary 64-bit key shared by every instance of this app ("startup" in ASCII).</summary>
    public const long Key = 0x73746172747570;

    private readonly NpgsqlConnection connection;

    private PostgresStartupLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Waits until no other instance holds the lock, then holds it until disposed.</summary>
    public static async Task<PostgresStartupLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "telephony-startup" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // No command timeout: another instance may take long to migrate; start-up cancellation still ends the wait.
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, timeoutSeconds: 0).ConfigureAwait(false);
            return new PostgresStartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false); // closing the session releases it anyway
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, int timeoutSeconds = 30)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
