using Npgsql;
using NpgsqlTypes;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Consent;
using Telephony.Data.Infrastructure;
using Telephony.Data.RateLimiting;

namespace Telephony.Data.Calls;

/// <summary>
/// A batch of front doors on PostgreSQL as one statement, one round trip and one implicit transaction: the callers are
/// counted against their limits, the calls Twilio has not sent before are inserted with their events, the refusals are
/// logged, and the change notice is queued, all or nothing. It stores exactly the rows <see cref="FrontDoorWriter"/>'s
/// EF Core path stores (its tests compare both), at a fraction of the cost: the EF Core path sends up to seven commands
/// (count, look-up, begin, savepoint, insert, notify, commit) and takes most of the app's CPU per webhook under load.
/// </summary>
/// <remarks>
/// A call Twilio sent before is recognised by its sid in <c>CallSids</c> (<see cref="CallPartitions"/>): <c>Calls</c> is
/// partitioned by month, so its own key holds <c>CreatedAt</c> and a retry handled later would not conflict there. The
/// statement claims the sids first and inserts only the calls whose sid it claimed. Each claimed sid's row also marks
/// the transaction (<see cref="CallPartitions.MarkSidsClaimed"/>), and a call is inserted only from a marked row, so the
/// mark is set before the first call goes in whatever order PostgreSQL runs the CTEs: the sid trigger then skips the
/// statement's calls instead of claiming each sid a second time.
/// Counters are locked in key order and calls in sid order, so two batches running at once cannot deadlock. Within a
/// batch each entry is counted in arrival order, like one upsert each: a caller's n-th entry sees the stored count plus n.
/// </remarks>
internal static class PostgresFrontDoorBatch
{
    private static readonly StoreTable<Call> Calls = new(StoreModels.Postgres);

    private static readonly StoreTable<CallEvent> Events = new(StoreModels.Postgres);

    private static readonly StoreTable<RateLimitCounter> Counters = new(StoreModels.Postgres);

    private static readonly StoreTable<RateLimitViolation> Violations = new(StoreModels.Postgres);

    private static readonly Func<CallStatus, string> StatusToStore = Calls.ToStore<CallStatus, string>(nameof(Call.Status));

    private static readonly PositionalSql Statement = new($"""
        WITH input AS (
            SELECT * FROM unnest(@idx, @sid, @parent, @account, @direction, @caller_from, @caller_to, @status, @language,
                                 @at, @now, @key, @window_start, @lim, @version)
                AS t(idx, sid, parent, account, direction, caller_from, caller_to, status, language, at, now, key, window_start, lim, version)
        ),
        demand AS (
            SELECT key, window_start, count(*)::int AS n FROM input GROUP BY key, window_start
        ),
        counted AS (
            INSERT INTO {Counters} AS c ({Counters.Columns(nameof(RateLimitCounter.Key), nameof(RateLimitCounter.WindowStart), nameof(RateLimitCounter.Count))})
            SELECT key, window_start, n FROM demand ORDER BY key, window_start
            ON CONFLICT ({Counters.Columns(nameof(RateLimitCounter.Key), nameof(RateLimitCounter.WindowStart))}) DO UPDATE SET {Counters.Column(nameof(RateLimitCounter.Count))} = c.{Counters.Column(nameof(RateLimitCounter.Count))} + excluded.{Counters.Column(nameof(RateLimitCounter.Count))}
            RETURNING c.{Counters.Column(nameof(RateLimitCounter.Key))} AS key, c.{Counters.Column(nameof(RateLimitCounter.WindowStart))} AS window_start, c.{Counters.Column(nameof(RateLimitCounter.Count))} AS total
        ),
        decided AS (
            SELECT i.*,
                   (k.total - d.n + row_number() OVER (PARTITION BY i.key, i.window_start ORDER BY i.idx))::int AS running,
                   row_number() OVER (PARTITION BY i.sid ORDER BY i.idx) = 1 AS first_of_call
            FROM input i JOIN demand d USING (key, window_start) JOIN counted k USING (key, window_start)
        ),
        claimed AS (
            INSERT INTO {CallPartitions.Sids} ({CallPartitions.SidColumns})
            SELECT sid, at FROM decided WHERE first_of_call ORDER BY sid
            ON CONFLICT ({Calls.Column(nameof(Call.CallSid))}) DO NOTHING
            RETURNING {Calls.Column(nameof(Call.CallSid))} AS sid, {CallPartitions.MarkSidsClaimed} AS marked
        ),
        created AS (
            INSERT INTO {Calls} ({Calls.Columns(nameof(Call.CallSid), nameof(Call.ParentCallSid), nameof(Call.AccountSid), nameof(Call.Direction), nameof(Call.From), nameof(Call.To), nameof(Call.Status), nameof(Call.Route), nameof(Call.Language))},
                                 {Calls.Columns(nameof(Call.ConsentState), nameof(Call.RateLimited), nameof(Call.CreatedAt), nameof(Call.UpdatedAt), nameof(Call.ReachedVoicemail), nameof(Call.Version))})
            SELECT sid, parent, account, direction, caller_from, caller_to,
                   CASE WHEN running <= lim THEN status ELSE @refused_status END, @route, language,
                   @consent, running > lim, at, at, false, version
            FROM decided JOIN claimed USING (sid) WHERE first_of_call AND marked = 'on' ORDER BY sid
            RETURNING {Calls.Column(nameof(Call.CallSid))} AS sid, {Calls.Column(nameof(Call.Status))} AS status, {Calls.Column(nameof(Call.RateLimited))} AS refused
        ),
        events AS (
            INSERT INTO {Events} ({Events.Columns(nameof(CallEvent.CallSid), nameof(CallEvent.Kind), nameof(CallEvent.Detail), nameof(CallEvent.OccurredAt))})
            SELECT sid, kind, detail, at FROM (
                SELECT d.idx, 0 AS ord, d.sid, @created_kind AS kind,
                       CASE WHEN c.refused THEN @created_refused ELSE @created_detail END AS detail, d.at
                FROM created c JOIN decided d ON d.sid = c.sid AND d.first_of_call
                UNION ALL
                SELECT d.idx, e.ord, d.sid, e.kind, e.detail, d.at
                FROM created c JOIN decided d ON d.sid = c.sid AND d.first_of_call AND NOT c.refused
                JOIN unnest(@event_idx, @event_kind, @event_detail) WITH ORDINALITY AS e(idx, kind, detail, ord) ON e.idx = d.idx
            ) rows ORDER BY idx, ord
        ),
        violations AS (
            INSERT INTO {Violations} ({Violations.Columns(nameof(RateLimitViolation.CallerNumber), nameof(RateLimitViolation.CallSid), nameof(RateLimitViolation.At))})
            SELECT key, sid, now FROM decided WHERE running > lim ORDER BY idx
            RETURNING {Violations.Column(nameof(RateLimitViolation.Id))} AS id
        ),
        notices AS (
            SELECT 1 AS ord, @call_kind AS kind, sid AS id, status AS state FROM created
            UNION ALL
            SELECT 2, @violation_kind, id::text, NULL FROM violations
        ),
        notified AS (
            SELECT pg_notify(@channel, CASE WHEN octet_length(j.every) <= @max_payload THEN j.every ELSE j.kinds END) AS sent
            FROM (SELECT (SELECT json_agg(json_strip_nulls(json_build_object('kind', kind, 'id', id, 'state', state)) ORDER BY ord, id)::text FROM notices) AS every,
                         (SELECT json_agg(json_build_object('kind', kind))::text FROM (SELECT DISTINCT kind FROM notices) k) AS kinds) j
            WHERE EXISTS (SELECT 1 FROM notices)
        )
        SELECT d.idx, d.running, d.first_of_call AND EXISTS (SELECT 1 FROM created c WHERE c.sid = d.sid) AS created,
               (SELECT count(*) FROM notified) AS notices
        FROM decided d ORDER BY d.idx
        """);

    // What a refused or new call stores, converted as the model converts them.
    private static readonly string RefusedStatus = StatusToStore(CallStatus.Busy);

    private static readonly string NoRoute = Calls.ToStore<CallRoute, string>(nameof(Call.Route))(CallRoute.None);

    private static readonly string UnknownConsent = Calls.ToStore<ConsentState, string>(nameof(Call.ConsentState))(ConsentState.Unknown);

    /// <summary>The array types of the inputs, from the columns they are stored in.</summary>
    private static class Types
    {
        public static readonly NpgsqlDbType Sid = Of(Calls.Property(nameof(Call.CallSid)));
        public static readonly NpgsqlDbType Parent = Of(Calls.Property(nameof(Call.ParentCallSid)));
        public static readonly NpgsqlDbType Account = Of(Calls.Property(nameof(Call.AccountSid)));
        public static readonly NpgsqlDbType Direction = Of(Calls.Property(nameof(Call.Direction)));
        public static readonly NpgsqlDbType From = Of(Calls.Property(nameof(Call.From)));
        public static readonly NpgsqlDbType To = Of(Calls.Property(nameof(Call.To)));
        public static readonly NpgsqlDbType Status = Of(Calls.Property(nameof(Call.Status)));
        public static readonly NpgsqlDbType Language = Of(Calls.Property(nameof(Call.Language)));
        public static readonly NpgsqlDbType At = Of(Calls.Property(nameof(Call.CreatedAt)));
        public static readonly NpgsqlDbType Now = Of(Violations.Property(nameof(RateLimitViolation.At)));
        public static readonly NpgsqlDbType Key = Of(Counters.Property(nameof(RateLimitCounter.Key)));
        public static readonly NpgsqlDbType WindowStart = Of(Counters.Property(nameof(RateLimitCounter.WindowStart)));
        public static readonly NpgsqlDbType EventKind = Of(Events.Property(nameof(CallEvent.Kind)));
        public static readonly NpgsqlDbType EventDetail = Of(Events.Property(nameof(CallEvent.Detail)));

        private static NpgsqlDbType Of(Microsoft.EntityFrameworkCore.Metadata.IProperty property) => PostgresStoreTypes.ArrayOf(property);
    }

    /// <summary>Writes the batch and returns each entry's outcome, in order; throws (and stores nothing) if any part fails.</summary>
    public static async Task<FrontDoorOutcome[]> WriteAsync(string connectionString, IReadOnlyList<FrontDoorEntry> entries, CancellationToken cancellationToken)
    {
        var connection = BatchConnections.Create(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = Statement.CreateCommand(connection);
            await using (command.ConfigureAwait(false))
            {
                AddParameters(command, entries);

                // Parsed and planned once per pooled connection, not per batch: the plan is most of the statement's cost.
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                var outcomes = new FrontDoorOutcome[entries.Count];
                var seen = 0;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var i = reader.GetInt32(0);
                        var count = reader.GetInt32(1);
                        outcomes[i] = new FrontDoorOutcome(count <= entries[i].LimitPerMinute, reader.GetBoolean(2), count);
                        seen++;
                    }
                }

                return seen == entries.Count ? outcomes : throw new InvalidOperationException($"The front-door batch answered for {seen} of {entries.Count} entries.");
            }
        }
    }

    private static void AddParameters(NpgsqlCommand command, IReadOnlyList<FrontDoorEntry> entries)
    {
        var n = entries.Count;
        var idx = new int[n];
        string[] sid = new string[n], account = new string[n], direction = new string[n], from = new string[n], to = new string[n];
        string[] status = new string[n], language = new string[n], key = new string[n];
        var parent = new string?[n];
        DateTime[] at = new DateTime[n], now = new DateTime[n], window = new DateTime[n];
        var limit = new int[n];
        var version = new Guid[n];
        List<int> eventIdx = [];
        List<string> eventKind = [], eventDetail = [];
        for (var i = 0; i < n; i++)
        {
            var (call, entry) = (entries[i].Call, entries[i]);
            idx[i] = i;
            sid[i] = call.CallSid;
            parent[i] = call.ParentCallSid;
            account[i] = call.AccountSid;
            direction[i] = call.Direction;
            from[i] = call.From;
            to[i] = call.To;
            status[i] = StatusToStore(call.Status);
            language[i] = call.Language;
            at[i] = (call.At ?? entry.Now).UtcDateTime;
            now[i] = entry.Now.UtcDateTime;
            key[i] = entry.RateLimitKey;
            window[i] = RateLimitStore.WindowStartFor(entry.Now).UtcDateTime;
            limit[i] = entry.LimitPerMinute;
            version[i] = Guid.NewGuid(); // as TelephonyDbContext stamps an added IVersioned row
            foreach (var (kind, detail) in call.Events)
            {
                eventIdx.Add(i);
                eventKind.Add(kind);
                eventDetail.Add(detail);
            }
        }

        Statement.Set(command, "idx", idx);
        Statement.Set(command, "sid", sid, Types.Sid);
        Statement.Set(command, "parent", parent, Types.Parent);
        Statement.Set(command, "account", account, Types.Account);
        Statement.Set(command, "direction", direction, Types.Direction);
        Statement.Set(command, "caller_from", from, Types.From);
        Statement.Set(command, "caller_to", to, Types.To);
        Statement.Set(command, "status", status, Types.Status);
        Statement.Set(command, "language", language, Types.Language);
        Statement.Set(command, "at", at, Types.At);
        Statement.Set(command, "now", now, Types.Now);
        Statement.Set(command, "key", key, Types.Key);
        Statement.Set(command, "window_start", window, Types.WindowStart);
        Statement.Set(command, "lim", limit);
        Statement.Set(command, "version", version);
        Statement.Set(command, "event_idx", eventIdx.ToArray());
        Statement.Set(command, "event_kind", eventKind.ToArray(), Types.EventKind);
        Statement.Set(command, "event_detail", eventDetail.ToArray(), Types.EventDetail);
        Statement.Set(command, "refused_status", RefusedStatus);
        Statement.Set(command, "route", NoRoute);
        Statement.Set(command, "consent", UnknownConsent);
        Statement.Set(command, "created_kind", CallEventKinds.Created);
        Statement.Set(command, "created_detail", CallEventKinds.CreatedDetail(refused: false));
        Statement.Set(command, "created_refused", CallEventKinds.CreatedDetail(refused: true));
        Statement.Set(command, "call_kind", ChangeKinds.Call);
        Statement.Set(command, "violation_kind", ChangeKinds.Violation);
        Statement.Set(command, "channel", PostgresChangeFeed.Channel);
        Statement.Set(command, "max_payload", ChangeNoticeJson.MaxPayloadBytes);
    }
}
