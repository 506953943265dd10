using System.Collections.Concurrent;
using Npgsql;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// The connections of the PostgreSQL group-commit batches (<c>PostgresFrontDoorBatch</c>, <c>PostgresCallBatch</c>): a
/// pool of their own, apart from EF Core's, whose sessions are set up for a few prepared statements run hundreds of
/// times a second.
/// </summary>
internal static class BatchConnections
{
    private static readonly ConcurrentDictionary<string, string> ConnectionStrings = new(StringComparer.Ordinal);

    /// <summary>A closed connection of the batch pool for the database of <paramref name="connectionString"/>.</summary>
    public static NpgsqlConnection Create(string connectionString) => new(ConnectionStrings.GetOrAdd(connectionString, ForBatches));

    /// <summary>
    /// Two settings, both because the batch statements are prepared and run on every connection many times:
    /// <list type="bullet">
    /// <item>The sessions never plan a sequential scan (<c>-c enable_seqscan=off</c>). The statements touch a handful of
    /// rows by key, and a plan made while a table is small or never analyzed (a fresh install's first burst) is a
    /// sequential scan of <c>Calls</c> that stays cached as the table grows (in the benchmark: 9,535 scans reading
    /// 28.5 million rows in under a minute).</item>
    /// <item>No reset when a connection goes back to the pool (<c>No Reset On Close</c>). With prepared statements Npgsql
    /// resets a session with seven commands (<c>CLOSE ALL</c>, <c>RESET ALL</c>, <c>UNLISTEN *</c>, ...), parsed and run
    /// by PostgreSQL for every batch: 4,593 of each in 10 s of the benchmark. The batches leave no session state behind
    /// (no <c>SET</c>, <c>LISTEN</c>, temporary table or advisory lock; a failed statement's implicit transaction is
    /// rolled back by the server), so there is nothing to reset.</item>
    /// </list>
    /// </summary>
    internal static string ForBatches(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c enable_seqscan=off" : builder.Options + " -c enable_seqscan=off";
        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
