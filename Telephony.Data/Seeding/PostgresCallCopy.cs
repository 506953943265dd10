using Npgsql;
using NpgsqlTypes;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Seeding;

/// <summary>Streams calls into PostgreSQL with binary COPY: one round trip, no per-row statements.</summary>
internal static class PostgresCallCopy
{
    /// <summary>Creates the monthly partitions from <paramref name="from"/> through <paramref name="through"/>, then copies <paramref name="calls"/>.</summary>
    public static async Task<long> WriteAsync(string connectionString, IEnumerable<Call> calls, DateTimeOffset from, DateTimeOffset through, CancellationToken cancellationToken)
    {
        var columns = CallColumns.Postgres;
        var types = columns.Properties.Select(PostgresStoreTypes.ExactOf).ToArray();
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await CallPartitions.EnsureAsync(connection, from, through, cancellationToken).ConfigureAwait(false);
            var writer = await connection.BeginBinaryImportAsync(
                $"COPY {columns.Table} ({columns.QuotedList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            ulong written;
            await using (writer.ConfigureAwait(false))
            {
                foreach (var call in calls)
                {
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < types.Length; i++)
                    {
                        await WriteValueAsync(writer, columns.Values[i](call), types[i], cancellationToken).ConfigureAwait(false);
                    }
                }

                written = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            // Fresh statistics, so the planner uses the CreatedAt index for windowed metrics right after a big load.
            var analyze = new NpgsqlCommand($"ANALYZE {columns.Table}", connection);
            await using (analyze.ConfigureAwait(false))
            {
                await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return (long)written;
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
