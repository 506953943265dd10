using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Telephony.Data.ChangeFeed;

/// <summary>
/// PostgreSQL's feed: notices are sent with <c>pg_notify</c> inside the saving transaction, so PostgreSQL delivers
/// them to every instance's <see cref="PostgresChangeListener"/> exactly when (and only if) the data commits.
/// Local subscribers hear them through this instance's listener too, so every instance sees the same stream.
/// </summary>
internal sealed class PostgresChangeFeed(ChangeBroadcaster broadcaster, DatabaseSettings settings) : ChangeFeedBase(broadcaster)
{
    public const string Channel = "telephony_changes";

    private const string NotifySql = "SELECT pg_notify('" + Channel + "', @payload)";

    public override bool NotifiesInTransaction => true;

    public override async ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = CreateNotify(connection, null, [notice]);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task WriteInTransactionAsync(DbContext db, IReadOnlyList<ChangeNotice> notices, CancellationToken cancellationToken)
    {
        var command = CreateNotify(db, notices);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void WriteInTransaction(DbContext db, IReadOnlyList<ChangeNotice> notices)
    {
        using var command = CreateNotify(db, notices);
        command.ExecuteNonQuery();
    }

    // The context's own connection and transaction: NOTIFY is queued in that transaction and sent at its commit.
    private static NpgsqlCommand CreateNotify(DbContext db, IReadOnlyList<ChangeNotice> notices)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Change notices must be written inside the saving transaction.");
        return CreateNotify((NpgsqlConnection)db.Database.GetDbConnection(), transaction, notices);
    }

    private static NpgsqlCommand CreateNotify(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<ChangeNotice> notices)
    {
        var command = new NpgsqlCommand(NotifySql, connection, transaction);
        command.Parameters.AddWithValue("payload", ChangeNoticeJson.Serialize(notices));
        return command;
    }
}
