using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Telephony.Data.Calls;

/// <summary>
/// PostgreSQL's monthly partitions of <c>Calls</c> (by <c>CreatedAt</c>) and <c>CallEvents</c> (by <c>OccurredAt</c>),
/// one per UTC calendar month (<c>docs/adr/0014-call-detail-retention.md</c>): created ahead by the partition worker and
/// the seeder, dropped whole by the retention. A sid stays unique across months through the unpartitioned
/// <c>CallSids</c> table: a trigger on <c>Calls</c> claims each inserted call's sid there (a second call with the same sid
/// is a unique violation, as before partitioning) unless the statement claimed it first (<see cref="MarkSidsClaimed"/>),
/// and releases it when the call is deleted. SQLite has none of this.
/// </summary>
public static class CallPartitions
{
    /// <summary>How many months after the current one the worker keeps created.</summary>
    public const int MonthsAhead = 3;

    /// <summary>The table holding every stored call's sid and <c>CreatedAt</c> (its month): the sid's uniqueness.</summary>
    internal const string Sids = "\"CallSids\"";

    /// <summary>The columns of <see cref="Sids"/>, in order.</summary>
    internal const string SidColumns = "\"CallSid\", \"CreatedAt\"";

    /// <summary>
    /// An expression that tells the sid trigger the transaction's inserts into <c>Calls</c> have claimed their sids in
    /// <see cref="Sids"/> themselves, as the front-door statement does (migration <c>FrontDoorClaimsOnce</c>): the
    /// trigger's WHEN condition then skips its claim, which would repeat the statement's insert and probe of each sid.
    /// It returns <c>'on'</c>. The setting is transaction-local; a statement that inserts a call whose sid it did not
    /// claim must not evaluate it.
    /// </summary>
    internal const string MarkSidsClaimed = "set_config('telephony.sids_claimed', 'on', true)";

    // Each partition with its parent and upper bound (a legacy partition runs from MINVALUE).
    private const string PartitionsSql = """
        SELECT c.relname, p.relname, substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''([^'']*)''\)')::timestamptz
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE i.inhparent IN ('"Calls"'::regclass, '"CallEvents"'::regclass)
        ORDER BY 3, 2 DESC
        """;

    /// <summary>
    /// Creates the partitions of every month from <paramref name="from"/>'s through <paramref name="through"/>'s that
    /// do not exist yet (months the legacy partition holds are skipped); returns how many tables it created. Several
    /// instances may run it at once (the database function serialises them).
    /// </summary>
    public static async Task<int> EnsureAsync(DbConnection connection, DateTimeOffset from, DateTimeOffset through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = new NpgsqlCommand("SELECT \"EnsureCallPartitions\"(@from, @through)", (NpgsqlConnection)connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from.UtcDateTime);
            command.Parameters.AddWithValue("through", NpgsqlDbType.TimestampTz, through.UtcDateTime);
            return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <summary>The current month's and the next <see cref="MonthsAhead"/> months' partitions, as of <paramref name="now"/>.</summary>
    public static Task<int> EnsureAheadAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnsureAsync(connection, now, now.AddMonths(MonthsAhead), cancellationToken);

    /// <summary>The partitions of both tables, oldest first.</summary>
    public static async Task<IReadOnlyList<CallPartition>> ListAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = new NpgsqlCommand(PartitionsSql, (NpgsqlConnection)connection);
        await using (command.ConfigureAwait(false))
        {
            List<CallPartition> partitions = [];
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    partitions.Add(new CallPartition(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
                }
            }

            return partitions;
        }
    }

    /// <summary>Whether <paramref name="partition"/> holds the rows stored before partitioning (from MINVALUE).</summary>
    public static bool IsLegacy(CallPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition.Name.EndsWith("_legacy", StringComparison.Ordinal);
    }

    /// <summary>The statement that detaches and drops <paramref name="partition"/> (run in a transaction).</summary>
    internal static string DropSql(CallPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return $"ALTER TABLE {Quote(partition.Parent)} DETACH PARTITION {Quote(partition.Name)}; DROP TABLE {Quote(partition.Name)};";
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>One partition of <c>Calls</c> or <c>CallEvents</c>: it holds the rows before <paramref name="UpperBound"/>.</summary>
public sealed record CallPartition(string Name, string Parent, DateTimeOffset UpperBound);
