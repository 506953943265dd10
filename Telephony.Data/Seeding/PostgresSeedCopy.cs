using Npgsql;
using NpgsqlTypes;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Seeding;

/// <summary>Streams calls and their consent ledger into PostgreSQL with binary COPY: one round trip per table, no per-row statements.</summary>
internal static class PostgresSeedCopy
{
    /// <summary>
    /// Creates the monthly partitions from <paramref name="from"/> through <paramref name="through"/>, then copies
    /// <paramref name="calls"/> and <paramref name="ledger"/>; returns how many rows of each it wrote.
    /// </summary>
    public static async Task<(long Calls, long ConsentRecords)> WriteAsync(
        string connectionString, IEnumerable<Call> calls, IEnumerable<ConsentRecord> ledger, DateTimeOffset from, DateTimeOffset through, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await CallPartitions.EnsureAsync(connection, from, through, cancellationToken).ConfigureAwait(false);
            var callRows = await CopyAsync(connection, SeedColumns<Call>.Postgres, calls, cancellationToken).ConfigureAwait(false);
            var ledgerRows = await CopyAsync(connection, SeedColumns<ConsentRecord>.Postgres, ledger, cancellationToken).ConfigureAwait(false);

            // Fresh statistics, so the planner uses the CreatedAt index for windowed metrics right after a big load.
            var analyze = new NpgsqlCommand($"ANALYZE {SeedColumns<Call>.Postgres.Table}, {SeedColumns<ConsentRecord>.Postgres.Table}", connection);
            await using (analyze.ConfigureAwait(false))
            {
                await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return (callRows, ledgerRows);
        }
    }

    private static async Task<long> CopyAsync<TEntity>(NpgsqlConnection connection, SeedColumns<TEntity> columns, IEnumerable<TEntity> rows, CancellationToken cancellationToken)
    {
        var types = columns.Properties.Select(PostgresStoreTypes.ExactOf).ToArray();
        var writer = await connection.BeginBinaryImportAsync(
            $"COPY {columns.Table} ({columns.QuotedList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < types.Length; i++)
                {
                    await WriteValueAsync(writer, columns.Values[i](row), types[i], cancellationToken).ConfigureAwait(false);
                }
            }

            return (long)await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Binary COPY writes each value with its own type: the generic writer needs the static type, not object.
    private static Task WriteValueAsync(NpgsqlBinaryImporter writer, object? value, NpgsqlDbType type, CancellationToken ct) => value switch
    {
        null => writer.WriteNullAsync(ct),
        string s => writer.WriteAsync(s, type, ct),
        bool b => writer.WriteAsync(b, type, ct),
        int n => writer.WriteAsync(n, type, ct),
        long n => writer.WriteAsync(n, type, ct),
        Guid g => writer.WriteAsync(g, type, ct),
        DateTimeOffset t => writer.WriteAsync(t.ToUniversalTime(), type, ct), // timestamptz takes offset zero only
        _ => throw new NotSupportedException($"A {value.GetType().Name} value has no COPY writer here."),
    };
}
