using System.Data;
using Npgsql;
using Telephony.Data;

namespace Telephony.Web.Alerts;

/// <summary>
/// Leader election with a session-level <c>pg_try_advisory_lock</c> held on a dedicated, unpooled connection.
/// </summary>
/// <remarks>
/// Chosen over a lease row because PostgreSQL itself releases the lock the moment the holder's session ends (crash, kill,
/// network loss): no expiry to tune, no clocks to compare between instances, no table to migrate. The connection is
/// unpooled because a pool's reset on return (<c>DISCARD ALL</c>) would silently drop the lock. Each call checks the session
/// is alive; if it dropped, the lock is gone with it and this instance competes again like any other.
/// </remarks>
internal sealed partial class PostgresEvaluatorLease(DatabaseSettings settings, ILogger<PostgresEvaluatorLease> logger) : IEvaluatorLease, IAsyncDisposable
{
    /// <summary>An arbitrary 64-bit key shared by every instance of this app ("alerts" in ASCII).</summary>
    internal const long LockKey = 0x616c65727473;

    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? connection;
    private bool held;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection is null || connection.State != ConnectionState.Open)
            {
                await DropConnectionAsync().ConfigureAwait(false);
                var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, ApplicationName = "telephony-alert-lease" };
                connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }

            var command = new NpgsqlCommand(held ? "SELECT TRUE" : "SELECT pg_try_advisory_lock(@key)", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("key", LockKey);
                var wasHeld = held;
                held = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (held && !wasHeld)
                {
                    LogAcquired(logger);
                }

                return held;
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            LogLost(logger, e.GetType().Name);
            await DropConnectionAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync().ConfigureAwait(false);
        gate.Dispose();
    }

    private async Task DropConnectionAsync()
    {
        held = false;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance now evaluates the alert rules")]
    private static partial void LogAcquired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert evaluator's lock connection failed ({Reason}); competing again on the next tick")]
    private static partial void LogLost(ILogger logger, string reason);
}
