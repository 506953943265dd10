using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// Runs on every SQLite connection open: WAL so readers never block the writer, a busy timeout so concurrent
/// writers (webhooks, background services) wait for the lock instead of failing with SQLITE_BUSY, and foreign keys on.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    private const string Pragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    public static SqliteConnectionSetup Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
