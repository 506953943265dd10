using System.Globalization;
using Microsoft.Data.Sqlite;
using Telephony.Core.Consent;
using Telephony.Data.Calls;

namespace Telephony.Data.Seeding;

/// <summary>
/// Inserts calls into SQLite with one prepared statement, committing every <see cref="BatchSize"/> rows: one
/// transaction per row would fsync a million times, one for everything would hold the write lock for the whole load.
/// Values are stored exactly as EF Core's conventions here store them (enum names, UTC ticks, upper-case GUID text).
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
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText =
                    $"INSERT INTO \"Calls\" ({CallColumns.QuotedList}) VALUES ({string.Join(", ", CallColumns.Names.Select((_, i) => $"$p{i}"))})";
                var parameters = CallColumns.Names.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();

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

                        Bind(parameters, call);
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

    private static void Bind(SqliteParameter[] p, Call call)
    {
        object?[] values =
        [
            call.CallSid, call.ParentCallSid, call.AccountSid, call.Direction, call.From, call.To, call.Status.ToString(),
            call.Route.ToString(), call.Language, call.ConsentState.ToString(), call.RateLimited ? 1 : 0, call.CreatedAt.UtcTicks,
            call.AnsweredAt?.UtcTicks, call.EndedAt?.UtcTicks, call.UpdatedAt.UtcTicks, call.DurationSeconds, call.DialCallStatus,
            call.DialCallDuration, call.TransferStartedAt?.UtcTicks, call.TransferAnsweredAt?.UtcTicks, call.ReachedVoicemail ? 1 : 0,
            call.LastSequenceNumber, call.Version.ToString().ToUpper(CultureInfo.InvariantCulture),
        ];
        for (var i = 0; i < p.Length; i++)
        {
            p[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
