using Npgsql;
using NpgsqlTypes;
using Telephony.Core.Consent;
using Telephony.Data.Calls;

namespace Telephony.Data.Seeding;

/// <summary>Streams calls into PostgreSQL with binary COPY: one round trip, no per-row statements.</summary>
internal static class PostgresCallCopy
{
    public static async Task<long> WriteAsync(string connectionString, IEnumerable<Call> calls, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var writer = await connection.BeginBinaryImportAsync(
                $"COPY \"Calls\" ({CallColumns.QuotedList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            ulong written;
            await using (writer.ConfigureAwait(false))
            {
                foreach (var call in calls)
                {
                    await WriteRowAsync(writer, call, cancellationToken).ConfigureAwait(false);
                }

                written = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            // Fresh statistics, so the planner uses the CreatedAt index for windowed metrics right after a big load.
            var analyze = new NpgsqlCommand("ANALYZE \"Calls\"", connection);
            await using (analyze.ConfigureAwait(false))
            {
                await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return (long)written;
        }
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter writer, Call call, CancellationToken ct)
    {
        await writer.StartRowAsync(ct).ConfigureAwait(false);
        await writer.WriteAsync(call.CallSid, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.ParentCallSid, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.AccountSid, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.Direction, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.From, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.To, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.Status.ToString(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.Route.ToString(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.Language, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.ConsentState.ToString(), NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.RateLimited, NpgsqlDbType.Boolean, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.AnsweredAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.EndedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.DurationSeconds, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.DialCallStatus, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.DialCallDuration, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.TransferStartedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.TransferAnsweredAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.ReachedVoicemail, NpgsqlDbType.Boolean, ct).ConfigureAwait(false);
        await WriteNullableAsync(writer, call.LastSequenceNumber, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await writer.WriteAsync(call.Version, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? writer.WriteAsync(value, type, ct) : writer.WriteNullAsync(ct);
}
