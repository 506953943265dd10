using Npgsql;
using NpgsqlTypes;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Consent;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Calls;

/// <summary>
/// A batch of call work (<see cref="CallWork"/>: status callbacks, menu, dial results, recordings) on PostgreSQL in two
/// round trips, whatever its size: one query reads every call the batch names (and their parents), each unit decides on
/// those rows in C# with the same rules as the EF Core path, and one statement (one implicit transaction) inserts the
/// new calls, updates the changed ones, appends the events and ledger entries, and queues the change notice.
/// </summary>
/// <remarks>
/// Nothing is locked between the read and the write: each update names the <see cref="Call.Version"/> it was decided on,
/// and if another writer changed a call meanwhile (or created a leg first), the statement fails as a whole and stores
/// nothing; <see cref="CallWriter"/> then runs each unit alone, on fresh rows. A changed call gets a new version, so an
/// EF Core writer holding an older read loses its save and retries, as against any other writer.
/// </remarks>
internal static class PostgresCallBatch
{
    private static readonly StoreTable<Call> Calls = new(StoreModels.Postgres);

    private static readonly StoreTable<CallEvent> Events = new(StoreModels.Postgres);

    private static readonly StoreTable<ConsentRecord> Ledger = new(StoreModels.Postgres);

    // Every property of Call the model maps, with how to get and set it on a Call; the column's name, parameter type and
    // value conversion come from the model (Data/StoreModelTests fails when a mapped property is missing here).
    private static readonly CallColumn[] Columns =
    [
        CallColumn.For(Calls, nameof(Call.CallSid), c => c.CallSid, (c, v) => c.CallSid = v),
        CallColumn.For(Calls, nameof(Call.ParentCallSid), c => c.ParentCallSid, (c, v) => c.ParentCallSid = v),
        CallColumn.For(Calls, nameof(Call.AccountSid), c => c.AccountSid, (c, v) => c.AccountSid = v),
        CallColumn.For(Calls, nameof(Call.Direction), c => c.Direction, (c, v) => c.Direction = v),
        CallColumn.For(Calls, nameof(Call.From), c => c.From, (c, v) => c.From = v),
        CallColumn.For(Calls, nameof(Call.To), c => c.To, (c, v) => c.To = v),
        CallColumn.For(Calls, nameof(Call.Status), c => c.Status, (c, v) => c.Status = v),
        CallColumn.For(Calls, nameof(Call.Route), c => c.Route, (c, v) => c.Route = v),
        CallColumn.For(Calls, nameof(Call.Language), c => c.Language, (c, v) => c.Language = v),
        CallColumn.For(Calls, nameof(Call.ConsentState), c => c.ConsentState, (c, v) => c.ConsentState = v),
        CallColumn.For(Calls, nameof(Call.RateLimited), c => c.RateLimited, (c, v) => c.RateLimited = v),
        CallColumn.For(Calls, nameof(Call.CreatedAt), c => c.CreatedAt.ToUniversalTime(), (c, v) => c.CreatedAt = v),
        CallColumn.For(Calls, nameof(Call.AnsweredAt), c => c.AnsweredAt?.ToUniversalTime(), (c, v) => c.AnsweredAt = v),
        CallColumn.For(Calls, nameof(Call.EndedAt), c => c.EndedAt?.ToUniversalTime(), (c, v) => c.EndedAt = v),
        CallColumn.For(Calls, nameof(Call.UpdatedAt), c => c.UpdatedAt.ToUniversalTime(), (c, v) => c.UpdatedAt = v),
        CallColumn.For(Calls, nameof(Call.DurationSeconds), c => c.DurationSeconds, (c, v) => c.DurationSeconds = v),
        CallColumn.For(Calls, nameof(Call.DialCallStatus), c => c.DialCallStatus, (c, v) => c.DialCallStatus = v),
        CallColumn.For(Calls, nameof(Call.DialCallDuration), c => c.DialCallDuration, (c, v) => c.DialCallDuration = v),
        CallColumn.For(Calls, nameof(Call.TransferStartedAt), c => c.TransferStartedAt?.ToUniversalTime(), (c, v) => c.TransferStartedAt = v),
        CallColumn.For(Calls, nameof(Call.TransferAnsweredAt), c => c.TransferAnsweredAt?.ToUniversalTime(), (c, v) => c.TransferAnsweredAt = v),
        CallColumn.For(Calls, nameof(Call.ReachedVoicemail), c => c.ReachedVoicemail, (c, v) => c.ReachedVoicemail = v),
        CallColumn.For(Calls, nameof(Call.LastSequenceNumber), c => c.LastSequenceNumber, (c, v) => c.LastSequenceNumber = v),
        CallColumn.For(Calls, nameof(Call.Version), c => c.Version, (c, v) => c.Version = v),
    ];

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => c.Name));

    /// <summary>The properties of <see cref="Call"/> the batch reads and writes.</summary>
    internal static IEnumerable<string> Properties => Columns.Select(c => c.Property);

    private static readonly Func<ConsentDecision, string> DecisionToStore = Ledger.ToStore<ConsentDecision, string>(nameof(ConsentRecord.Decision));

    // The event and ledger columns the statement writes, in the order of its parameters.
    private static readonly string[] EventProperties = [nameof(CallEvent.CallSid), nameof(CallEvent.Kind), nameof(CallEvent.Detail), nameof(CallEvent.OccurredAt)];

    private static readonly string[] LedgerProperties =
    [
        nameof(ConsentRecord.CallSid), nameof(ConsentRecord.CallerNumber), nameof(ConsentRecord.Decision), nameof(ConsentRecord.PromptVersion),
        nameof(ConsentRecord.Language), nameof(ConsentRecord.Jurisdiction), nameof(ConsentRecord.Method), nameof(ConsentRecord.RecordedAt),
    ];

    private static readonly NpgsqlDbType[] EventTypes = [.. EventProperties.Select(p => PostgresStoreTypes.ArrayOf(Events.Property(p)))];

    private static readonly NpgsqlDbType[] LedgerTypes = [.. LedgerProperties.Select(p => PostgresStoreTypes.ArrayOf(Ledger.Property(p)))];

    private static readonly string Sid = Calls.Column(nameof(Call.CallSid));

    private static readonly string CreatedAt = Calls.Column(nameof(Call.CreatedAt));

    // The batch's calls and the parents they name. The parents are looked up first into one array, so both look-ups use
    // the primary key (an OR with a sub-select scans the whole table: 258 ms at 200,000 calls). The legs without a
    // parent are dropped from that array, not filtered in the sub-select: "ParentCallSid" IS NOT NULL is an index
    // condition, and a cached generic plan made while few calls have a parent ANDs the primary key with a scan of every
    // leg in IX_Calls_ParentCallSid_CreatedAt (1.85 ms a batch instead of 0.17 ms once legs are half the table).
    // Both look-ups go through CallSids (one narrow unpartitioned table, CallPartitions), whose CreatedAt lets PostgreSQL
    // prune Calls to each call's month at run time instead of probing the key of every month.
    internal static readonly string ReadSql = $"""
        SELECT {string.Join(", ", Columns.Select(c => "c." + c.Name))}
        FROM {CallPartitions.Sids} s JOIN {Calls} c ON c.{Sid} = s.{Sid} AND c.{CreatedAt} = s.{CreatedAt}
        WHERE s.{Sid} = ANY(@sids || array_remove(ARRAY(
            SELECT p.{Calls.Column(nameof(Call.ParentCallSid))}::text
            FROM {CallPartitions.Sids} ps JOIN {Calls} p ON p.{Sid} = ps.{Sid} AND p.{CreatedAt} = ps.{CreatedAt}
            WHERE ps.{Sid} = ANY(@sids)), NULL))
        """;

    internal static readonly string WriteSql = BuildWriteSql();

    private static readonly PositionalSql Read = new(ReadSql);

    private static readonly PositionalSql Write = new(WriteSql);

    /// <summary>Runs <paramref name="work"/> in order and stores it; returns each unit's result, or throws having stored nothing.</summary>
    public static async Task<CallWorkResult[]> WriteAsync(string connectionString, IReadOnlyList<CallWork> work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = BatchConnections.Create(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var rows = await ReadAsync(connection, work, cancellationToken).ConfigureAwait(false);
            var results = new CallWorkResult[work.Count];
            for (var i = 0; i < work.Count; i++)
            {
                results[i] = work[i].Decide(rows, now);
            }

            await WriteRowsAsync(connection, rows, cancellationToken).ConfigureAwait(false);
            return results;
        }
    }

    private static async Task<BatchRows> ReadAsync(NpgsqlConnection connection, IReadOnlyList<CallWork> work, CancellationToken ct)
    {
        var sids = work.SelectMany(w => new[] { w.CallSid, w.ParentCallSid }).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var command = Read.CreateCommand(connection);
        await using (command.ConfigureAwait(false))
        {
            Read.Set(command, "sids", sids, NpgsqlDbType.Array | NpgsqlDbType.Text);

            // Parsed and planned once per pooled connection, not per batch.
            await command.PrepareAsync(ct).ConfigureAwait(false);
            var rows = new BatchRows();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var call = new Call();
                    for (var i = 0; i < Columns.Length; i++)
                    {
                        Columns[i].Read(call, reader, i);
                    }

                    rows.Load(call, Columns);
                }
            }

            return rows;
        }
    }

    private static async Task WriteRowsAsync(NpgsqlConnection connection, BatchRows rows, CancellationToken ct)
    {
        var added = rows.Added;
        var changed = rows.Changed(Columns);
        if (added.Count + changed.Count + rows.Events.Count + rows.Consent.Count == 0)
        {
            return;
        }

        // Each update names the version it was decided on; every written row gets a new one, as TelephonyDbContext stamps
        // every written IVersioned row.
        var decidedOn = changed.Select(c => c.Version).ToArray();
        foreach (var call in added.Concat(changed))
        {
            call.Version = Guid.NewGuid();
        }

        var command = Write.CreateCommand(connection);
        await using (command.ConfigureAwait(false))
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                Write.Set(command, InsertParameters[i], Columns[i].Array(added), Columns[i].ArrayType);
                Write.Set(command, UpdateParameters[i], Columns[i].Array(changed), Columns[i].ArrayType);
            }

            Write.Set(command, "u_decided_on", decidedOn, NpgsqlDbType.Array | NpgsqlDbType.Uuid);

            var events = rows.Events;
            Write.Set(command, "e_sid", events.Select(e => e.CallSid).ToArray(), EventTypes[0]);
            Write.Set(command, "e_kind", events.Select(e => e.Kind).ToArray(), EventTypes[1]);
            Write.Set(command, "e_detail", events.Select(e => e.Detail).ToArray(), EventTypes[2]);
            Write.Set(command, "e_at", events.Select(e => e.OccurredAt.ToUniversalTime()).ToArray(), EventTypes[3]);
            var consent = rows.Consent;
            Write.Set(command, "r_sid", consent.Select(r => r.CallSid).ToArray(), LedgerTypes[0]);
            Write.Set(command, "r_caller", consent.Select(r => r.CallerNumber).ToArray(), LedgerTypes[1]);
            Write.Set(command, "r_decision", consent.Select(r => DecisionToStore(r.Decision)).ToArray(), LedgerTypes[2]);
            Write.Set(command, "r_prompt", consent.Select(r => r.PromptVersion).ToArray(), LedgerTypes[3]);
            Write.Set(command, "r_language", consent.Select(r => r.Language).ToArray(), LedgerTypes[4]);
            Write.Set(command, "r_jurisdiction", consent.Select(r => r.Jurisdiction).ToArray(), LedgerTypes[5]);
            Write.Set(command, "r_method", consent.Select(r => r.Method).ToArray(), LedgerTypes[6]);
            Write.Set(command, "r_at", consent.Select(r => r.RecordedAt.ToUniversalTime()).ToArray(), LedgerTypes[7]);

            // The notices EF Core's change feed would send for the same rows: every written call, every ledger entry.
            List<ChangeNotice> notices =
            [
                .. added.Concat(changed).Select(c => EntityChangeNotices.For(c, Microsoft.EntityFrameworkCore.EntityState.Modified)),
                .. consent.Select(r => EntityChangeNotices.For(r, Microsoft.EntityFrameworkCore.EntityState.Added)),
            ];
            Write.Set(command, "channel", PostgresChangeFeed.Channel);
            Write.Set(command, "payload", notices.Count == 0 ? DBNull.Value : ChangeNoticeJson.Serialize(notices), NpgsqlDbType.Text);

            // One statement, one implicit transaction: it fails as a whole (a call changed since it was read, a leg created
            // meanwhile), or it is stored as a whole.
            await command.PrepareAsync(ct).ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static readonly string[] InsertParameters = [.. Columns.Select((_, i) => "i" + i)];

    private static readonly string[] UpdateParameters = [.. Columns.Select((_, i) => "u" + i)];

    private static string BuildWriteSql()
    {
        string Params(string prefix) => string.Join(", ", Columns.Select((_, i) => $"@{prefix}{i}"));
        var aliases = string.Join(", ", Columns.Select((_, i) => $"a{i}"));
        var key = Array.FindIndex(Columns, c => c.Name == Calls.Column(Calls.Key));

        // CreatedAt never changes (it is the partition key): it picks the call's month for the update, and is not set.
        var created = Array.FindIndex(Columns, c => c.Name == Calls.Column(nameof(Call.CreatedAt)));
        var sets = string.Join(", ", Columns.Select((c, i) => (c, i)).Where(x => x.i != key && x.i != created).Select(x => $"{x.c.Name} = s.a{x.i}"));
        return $"""
            WITH inserted AS (
                INSERT INTO {Calls} ({ColumnList})
                SELECT * FROM unnest({Params("i")}) ORDER BY 1
                RETURNING 1
            ),
            updated AS (
                UPDATE {Calls} AS t SET {sets}
                FROM unnest({Params("u")}, @u_decided_on) AS s({aliases}, decided_on)
                WHERE t.{Calls.Column(Calls.Key)} = s.a{key} AND t.{Calls.Column(nameof(Call.CreatedAt))} = s.a{created} AND t.{Calls.Column(nameof(Call.Version))} = s.decided_on
                RETURNING 1
            ),
            events AS (
                INSERT INTO {Events} ({Events.Columns(EventProperties)})
                SELECT sid, kind, detail, at FROM unnest(@e_sid, @e_kind, @e_detail, @e_at) WITH ORDINALITY AS e(sid, kind, detail, at, ord)
                ORDER BY ord
                RETURNING 1
            ),
            ledger AS (
                INSERT INTO {Ledger} ({Ledger.Columns(LedgerProperties)})
                SELECT sid, caller, decision, prompt, language, jurisdiction, method, at
                FROM unnest(@r_sid, @r_caller, @r_decision, @r_prompt, @r_language, @r_jurisdiction, @r_method, @r_at)
                    WITH ORDINALITY AS r(sid, caller, decision, prompt, language, jurisdiction, method, at, ord)
                ORDER BY ord
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM inserted)::int, (SELECT count(*) FROM updated)::int,
                   (SELECT count(*) FROM events)::int, (SELECT count(*) FROM ledger)::int,
                   CASE WHEN @payload::text IS NULL THEN NULL ELSE pg_notify(@channel, @payload::text) END,
                   -- A call changed since it was read: fail the statement, so that none of it (not even the notice) is stored.
                   CASE WHEN (SELECT count(*) FROM updated) = cardinality(@u_decided_on) THEN 0
                        ELSE (SELECT 'call batch: ' || count(*) || ' of ' || cardinality(@u_decided_on) || ' calls unchanged since read' FROM updated)::int
                   END
            """;
    }

    /// <summary>The rows one batch decides on: what was read (with a snapshot to find what changed), and what was added.</summary>
    private sealed class BatchRows : ICallRows
    {
        private readonly Dictionary<string, Call> calls = new(StringComparer.Ordinal);
        private readonly Dictionary<Call, Call> snapshots = [];

        public List<Call> Added { get; } = [];

        public List<CallEvent> Events { get; } = [];

        public List<ConsentRecord> Consent { get; } = [];

        public void Load(Call call, CallColumn[] columns)
        {
            calls[call.CallSid] = call;
            var snapshot = new Call();
            foreach (var column in columns)
            {
                column.Copy(call, snapshot);
            }

            snapshots[call] = snapshot;
        }

        public List<Call> Changed(CallColumn[] columns) =>
            [.. snapshots.Where(s => !Array.TrueForAll(columns, c => c.Same(s.Key, s.Value))).Select(s => s.Key).OrderBy(c => c.CallSid, StringComparer.Ordinal)];

        public Call? Find(string callSid) => calls.GetValueOrDefault(callSid);

        public void Add(Call newCall)
        {
            ArgumentNullException.ThrowIfNull(newCall);
            calls.Add(newCall.CallSid, newCall);
            Added.Add(newCall);
        }

        public void AddEvent(CallEvent callEvent) => Events.Add(callEvent);

        public void AddConsent(ConsentRecord record) => Consent.Add(record);
    }
}

/// <summary>One column of <c>Calls</c> for <see cref="PostgresCallBatch"/>: how to read it, compare it and send it as an array.</summary>
internal abstract class CallColumn(string name, NpgsqlDbType arrayType)
{
    /// <summary>The quoted column name.</summary>
    public string Name { get; } = name;

    /// <summary>The property it stores.</summary>
    public abstract string Property { get; }

    public NpgsqlDbType ArrayType { get; } = arrayType;

    /// <summary>
    /// The column storing <paramref name="property"/>, its name, type and value conversion taken from the model;
    /// <paramref name="get"/> and <paramref name="set"/> reach the property on a call.
    /// </summary>
    public static CallColumn For<TValue>(StoreTable<Call> table, string property, Func<Call, TValue> get, Action<Call, TValue> set)
    {
        ArgumentNullException.ThrowIfNull(table);
        var store = StoreTable<Call>.StoreClrType(table.Property(property));
        var type = typeof(CallColumn<,>).MakeGenericType(typeof(TValue), store);
        return (CallColumn)Activator.CreateInstance(type, table, property, get, set)!;
    }

    public abstract bool Same(Call a, Call b);

    public abstract void Copy(Call from, Call to);

    public abstract void Read(Call call, NpgsqlDataReader reader, int ordinal);

    public abstract Array Array(IReadOnlyList<Call> calls);
}

/// <summary>A column whose property holds <typeparamref name="TValue"/> and whose store holds <typeparamref name="TStore"/> (the same type unless the model converts).</summary>
internal sealed class CallColumn<TValue, TStore>(StoreTable<Call> table, string property, Func<Call, TValue> get, Action<Call, TValue> set)
    : CallColumn(table.Column(property), PostgresStoreTypes.ArrayOf(table.Property(property)))
{
    private readonly Func<TValue, TStore> toStore = table.ToStore<TValue, TStore>(property);
    private readonly Func<TStore, TValue> fromStore = table.FromStore<TValue, TStore>(property);

    public override string Property { get; } = property;

    public override bool Same(Call a, Call b) => EqualityComparer<TValue>.Default.Equals(get(a), get(b));

    public override void Copy(Call from, Call to) => set(to, get(from));

    public override void Read(Call call, NpgsqlDataReader reader, int ordinal) =>
        set(call, reader.IsDBNull(ordinal) ? default! : fromStore(reader.GetFieldValue<TStore>(ordinal)));

    public override Array Array(IReadOnlyList<Call> calls)
    {
        var values = new TStore[calls.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = toStore(get(calls[i]));
        }

        return values;
    }
}
