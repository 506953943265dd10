using Npgsql;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// Opens the PostgreSQL connections the first burst of webhooks needs before the app is ready, so that no webhook pays
/// for a connection's start-up (TCP, authentication, session set-up: several milliseconds each, many at once under load).
/// Both pools are filled: EF Core's and the group-commit batches' own (<see cref="BatchConnections"/>). The connections go
/// back to their pools open, and stay there until the pool prunes idle ones (Npgsql's <c>Connection Idle Lifetime</c>).
/// </summary>
public static class ConnectionPrewarm
{
    /// <summary>Opens <paramref name="queryConnections"/> query and <paramref name="batchConnections"/> batch connections at once; nothing on SQLite.</summary>
    public static async Task<int> OpenAsync(DatabaseSettings settings, int queryConnections, int batchConnections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return 0;
        }

        var connections = Enumerable.Range(0, queryConnections).Select(_ => new NpgsqlConnection(settings.ConnectionString))
            .Concat(Enumerable.Range(0, batchConnections).Select(_ => BatchConnections.Create(settings.ConnectionString)))
            .ToList();
        try
        {
            // All open at once: opened one after the other, each would be handed back and reused by the next.
            await Task.WhenAll(connections.Select(c => c.OpenAsync(cancellationToken))).ConfigureAwait(false);
            return connections.Count;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
