using Microsoft.Data.Sqlite;
using Telephony.Data.Calls;
using Telephony.Data.Consent;

namespace Telephony.Data.Seeding;

/// <summary>
/// Inserts calls and their consent ledger into SQLite with one prepared statement per table, committing every
/// <see cref="BatchSize"/> rows: one transaction per row would fsync a million times, one for everything would hold the
/// write lock for the whole load. Values are converted by the model's own converters (enum names, UTC ticks);
/// Microsoft.Data.Sqlite binds a GUID as upper-case text and a bool as 0 or 1, as it does for EF Core.
/// </summary>
internal static class SqliteSeedInsert
{
    public const int BatchSize = 50_000;

    /// <summary>Inserts <paramref name="calls"/>, then <paramref name="ledger"/>; returns how many rows of each it wrote.</summary>
    public static async Task<(long Calls, long ConsentRecords)> WriteAsync(
        string connectionString, IEnumerable<Call> calls, IEnumerable<ConsentRecord> ledger, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var callRows = await InsertAsync(connection, SeedColumns<Call>.Sqlite, calls, cancellationToken).ConfigureAwait(false);
            var ledgerRows = await InsertAsync(connection, SeedColumns<ConsentRecord>.Sqlite, ledger, cancellationToken).ConfigureAwait(false);

            // No ANALYZE, unlike PostgreSQL: the app never gathers SQLite statistics, and with them SQLite's
            // average-only stats judge Status (two values at this volume) unselective and scan for active calls.
            return (callRows, ledgerRows);
        }
    }

    private static async Task<long> InsertAsync<TEntity>(SqliteConnection connection, SeedColumns<TEntity> columns, IEnumerable<TEntity> rows, CancellationToken cancellationToken)
    {
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
                foreach (var row in rows)
                {
                    if (transaction is null)
                    {
                        transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                        command.Transaction = transaction;
                    }

                    for (var i = 0; i < parameters.Length; i++)
                    {
                        parameters[i].Value = columns.Values[i](row) ?? DBNull.Value;
                    }

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

            return written;
        }
    }
}
