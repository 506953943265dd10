using Microsoft.Data.Sqlite;
using Telephony.Core.Consent;
using Telephony.Data.Calls;

namespace Telephony.Data.Seeding;

/// <summary>
/// Inserts calls into SQLite with one prepared statement, committing every <see cref="BatchSize"/> rows: one
/// transaction per row would fsync a million times, one for everything would hold the write lock for the whole load.
/// Values are converted by the model's own converters (enum names, UTC ticks); Microsoft.Data.Sqlite binds a GUID as
/// upper-case text and a bool as 0 or 1, as it does for EF Core.
/// </summary>
internal static class SqliteCallInsert
{
    public const int BatchSize = 50_000;

    public static async Task<long> WriteAsync(string connectionString, IEnumerable<Call> calls, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var columns = CallColumns.Sqlite;
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText =
                    $"INSERT INTO {columns.Table} ({columns.QuotedList}) VALUES ({string.Join(", ", columns.Properties.Select((_, i) => $"$p{i}"))})";
                var parameters = columns.Properties.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();

                long written = 0;
                SqliteTransaction? transaction = null;
                try
                {
                    foreach (var call in calls)
                    {
                        if (transaction is null)
                        {
                            transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                            command.Transaction = transaction;
                        }

                        Bind(parameters, columns, call);
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        if (++written % BatchSize == 0)
                        {
                            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                            await transaction.DisposeAsync().ConfigureAwait(false);
                            transaction = null;
                        }
                    }

                    if (transaction is not null)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    if (transaction is not null)
                    {
                        await transaction.DisposeAsync().ConfigureAwait(false);
                    }
                }

                // No ANALYZE, unlike PostgreSQL: the app never gathers SQLite statistics, and with them SQLite's
                // average-only stats judge Status (two values at this volume) unselective and scan for active calls.
                return written;
            }
        }
    }

    private static void Bind(SqliteParameter[] p, CallColumns columns, Call call)
    {
        for (var i = 0; i < p.Length; i++)
        {
            p[i].Value = columns.Values[i](call) ?? DBNull.Value;
        }
    }
}
