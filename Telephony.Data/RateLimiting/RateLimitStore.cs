using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.RateLimiting;

/// <summary>
/// Per-key call limit shared by every app instance on the same database.
/// </summary>
/// <remarks>
/// Fixed one-minute windows (UTC, aligned to the minute): a caller can get up to twice the limit across a window
/// boundary, which is acceptable for shedding abusive diallers. The counter is bumped with one atomic
/// <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> (PostgreSQL, SQLite 3.35+): the database serialises
/// concurrent acquisitions on the row, so no read-then-write race can admit more than the limit.
/// </remarks>
public sealed class RateLimitStore(IDbContextFactory<TelephonyDbContext> contextFactory)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Keys of the automatic SMS replies per sender start with this; their windows are <see cref="SmsReplyWindow"/>.</summary>
    public const string SmsReplyPrefix = "sms:";

    /// <summary>The SMS reply allowance is per clock hour (UTC).</summary>
    public static readonly TimeSpan SmsReplyWindow = TimeSpan.FromHours(1);

    private string? upsertSql;

    public Task<RateLimitDecision> TryAcquireAsync(string key, int limitPerMinute, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryAcquireAsync(key, limitPerMinute, now, callSid: null, cancellationToken);

    /// <summary>Counts one call for <paramref name="key"/>; a denial is stored as a <see cref="RateLimitViolation"/>.</summary>
    public async Task<RateLimitDecision> TryAcquireAsync(
        string key, int limitPerMinute, DateTimeOffset now, string? callSid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(limitPerMinute);

        var windowStart = WindowStartFor(now);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var count = (await IncrementManyAsync(db, [(key, windowStart)], cancellationToken).ConfigureAwait(false))[0];
            var admitted = count <= limitPerMinute;
            if (!admitted)
            {
                db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = key, CallSid = callSid, At = now.ToUniversalTime() });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            return new RateLimitDecision(admitted, count, limitPerMinute, windowStart, windowStart + Window);
        }
    }

    /// <summary>
    /// Counts one automatic SMS reply to <paramref name="sender"/> in the current clock hour (key <c>sms:</c> + number,
    /// the same atomic upsert as calls, so every instance shares the count). Admitted while within the limit; a
    /// refusal stores no violation (violations are calls).
    /// </summary>
    public async Task<RateLimitDecision> TryAcquireSmsReplyAsync(string sender, int limitPerHour, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sender);
        var windowStart = WindowStartFor(now, SmsReplyWindow);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var count = (await IncrementManyAsync(db, [(SmsReplyPrefix + sender, windowStart)], cancellationToken).ConfigureAwait(false))[0];
            return new RateLimitDecision(count <= limitPerHour, count, limitPerHour, windowStart, windowStart + SmsReplyWindow);
        }
    }

    /// <summary>
    /// Counts one call for each key, in order, with one command (one round trip) on <paramref name="db"/>'s connection;
    /// returns each key's count in its window after this call. Denials are the caller's to store (see FrontDoorWriter).
    /// </summary>
    internal async Task<int[]> IncrementManyAsync(TelephonyDbContext db, IReadOnlyList<(string Key, DateTimeOffset WindowStart)> keys, CancellationToken cancellationToken)
    {
        // The SQL depends only on the model, so it is built once (the store is a singleton).
        var sql = upsertSql ??= BuildUpsertSql(db);

        // SQLite stores DateTimeOffset as UTC ticks (see SqliteTelephonyDbContext); PostgreSQL as timestamptz.
        var sqlite = db.Database.IsSqlite();
        var counts = new int[keys.Count];
        using var gate = await SqliteWriteGate.EnterAsync(db, cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                if (sqlite)
                {
                    // In process there is no round trip to save: one prepared statement, run once per key, one commit.
                    var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
#pragma warning disable CA2100 // Identifiers from the model, values as parameters (see BuildUpsertSql).
                        command.CommandText = sql;
#pragma warning restore CA2100
                        command.Transaction = transaction;
                        var key = AddParameter(command, "@key", "");
                        var window = AddParameter(command, "@window", 0L);
                        for (var i = 0; i < keys.Count; i++)
                        {
                            key.Value = keys[i].Key;
                            window.Value = keys[i].WindowStart.UtcTicks;
                            counts[i] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return counts;
                    }
                }

                // PostgreSQL: every upsert in one command, so one round trip (and one implicit transaction) for the batch.
                var text = new System.Text.StringBuilder();
                for (var i = 0; i < keys.Count; i++)
                {
                    var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    text.Append(sql.Replace("@key", "@key" + n, StringComparison.Ordinal).Replace("@window", "@window" + n, StringComparison.Ordinal)).Append(";\n");
                    AddParameter(command, "@key" + n, keys[i].Key);
                    AddParameter(command, "@window" + n, keys[i].WindowStart);
                }

#pragma warning disable CA2100 // Identifiers from the model, values as parameters (see BuildUpsertSql).
                command.CommandText = text.ToString();
#pragma warning restore CA2100
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    for (var i = 0; i < keys.Count; i++)
                    {
                        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException("The rate-limit upsert returned no count.");
                        }

                        counts[i] = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>
    /// Deletes counters of windows that ended before <paramref name="before"/> (minute windows of calls, hour windows of
    /// SMS replies); returns how many. One idempotent <c>DELETE</c>: instances running it at once only share the work.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = WindowStartFor(before) - Window;
        var smsCutoff = WindowStartFor(before, SmsReplyWindow) - SmsReplyWindow;
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.RateLimitCounters
                .Where(c => c.WindowStart <= smsCutoff || (c.WindowStart <= cutoff && !c.Key.StartsWith(SmsReplyPrefix)))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes rate-limit violations older than <paramref name="before"/> (retention), <paramref name="batchSize"/> per
    /// statement (<see cref="BatchedDelete"/>); returns how many.
    /// </summary>
    public async Task<int> PurgeViolationsAsync(DateTimeOffset before, CancellationToken cancellationToken, int batchSize = BatchedDelete.DefaultBatchSize)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await BatchedDelete.RunAsync(db, () => db.RateLimitViolations
                .Where(v => db.RateLimitViolations.Where(x => x.At < before).OrderBy(x => x.Id).Select(x => x.Id).Take(batchSize).Contains(v.Id))
                .ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    public static DateTimeOffset WindowStartFor(DateTimeOffset now) => WindowStartFor(now, Window);

    public static DateTimeOffset WindowStartFor(DateTimeOffset now, TimeSpan window)
    {
        var utcTicks = now.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % window.Ticks), TimeSpan.Zero);
    }

    private static string BuildUpsertSql(TelephonyDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(RateLimitCounter))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(table)!);
        var tableName = Quote(table.Name);
        var keyColumn = Column(nameof(RateLimitCounter.Key));
        var windowColumn = Column(nameof(RateLimitCounter.WindowStart));
        var countColumn = Column(nameof(RateLimitCounter.Count));

        // Identifiers come from the model, values are parameters: nothing from the caller reaches the SQL text.
        return
            $"INSERT INTO {tableName} ({keyColumn}, {windowColumn}, {countColumn}) VALUES (@key, @window, 1) " +
            $"ON CONFLICT ({keyColumn}, {windowColumn}) DO UPDATE SET {countColumn} = {tableName}.{countColumn} + 1 " +
            $"RETURNING {countColumn}";
    }

    private static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
