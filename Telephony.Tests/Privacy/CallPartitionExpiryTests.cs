using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Rollups;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Metrics;

namespace Telephony.Tests.Privacy;

/// <summary>
/// On PostgreSQL the retention drops whole expired months of calls and timelines (their partitions): a month stays
/// whole until all of it is past the cut-off, so no call goes row by row; the rollups and the pages' figures for the
/// old range do not move.
/// </summary>
public sealed class CallPartitionExpiryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expired_month_is_dropped_whole_the_month_holding_the_cut_off_waits_for_its_drop_and_the_old_figures_stay()
    {
        // Three months after the legacy partition: the first wholly expired, the second cut in the middle, the third kept.
        var today = DateTimeOffset.UtcNow;
        var m0 = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(6);
        var (m1, m2) = (m0.AddMonths(1), m0.AddMonths(2));
        var cutoff = m1.AddDays(15);
        var now = m2.AddDays(10).AddMinutes(37);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await CallPartitions.EnsureAsync(connection, m0, m2, Ct);
        }

        var random = new Random(3);
        List<Call> calls = [];
        List<CallEvent> events = [];
        List<object> rows = [];
        for (var i = 0; i < 300; i++)
        {
            var createdAt = m0.AddSeconds(random.Next(0, (int)(now - m0).TotalSeconds - 3600));
            var state = random.NextDouble() < 0.8 ? ConsentState.Granted : ConsentState.Unknown;
            var builder = CallBuilder.At(createdAt).Consent(state).Language(random.NextDouble() < 0.3 ? "fr" : "en");
            var call = (random.Next(3) switch { 0 => builder.Ended(20), 1 => builder.Voicemail(), _ => builder.Transfer(10).Answered(5, 60) }).Build();
            calls.Add(call);
            events.Add(new CallEvent { CallSid = call.CallSid, Kind = "status", Detail = "created", OccurredAt = call.CreatedAt });
            events.Add(new CallEvent { CallSid = call.CallSid, Kind = "status", Detail = "ended", OccurredAt = call.CreatedAt.AddMinutes(1) });
            if (state == ConsentState.Granted)
            {
                rows.Add(MetricsSeed.Consent(call.CallSid, ConsentDecision.Granted, call.CreatedAt.AddSeconds(5), call.Language));
            }
        }

        // A call at the very end of the first month whose timeline goes on after midnight, in the next month's partition.
        var late = CallBuilder.At(m1.AddSeconds(-30)).Consent(ConsentState.Granted).Ended(20).Build();
        calls.Add(late);
        events.Add(new CallEvent { CallSid = late.CallSid, Kind = "status", Detail = "created", OccurredAt = late.CreatedAt });
        events.Add(new CallEvent { CallSid = late.CallSid, Kind = "status", Detail = "ended", OccurredAt = m1.AddSeconds(45) });
        await MetricsSeed.ResetAsync(database);
        await MetricsSeed.AddAsync(database, [.. calls, .. events, .. rows]);
        Assert.True(calls.Count(c => c.CreatedAt < m1) > 50, "the dropped month should hold calls");
        Assert.True(calls.Count(c => c.CreatedAt >= m1 && c.CreatedAt < cutoff) > 20, "the month holding the cut-off should have calls before it");

        var time = new FakeTimeProvider(now);
        var rollups = new HourlyRollups(database, time);
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);
        var rowsBefore = await RollupRowsAsync();
        var oldRowsBefore = await RollupRowsAsync(before: m2);
        var figuresBefore = await FiguresAsync(time, m0, cutoff.AddDays(5));

        var expiry = await rollups.ExpireCallsAsync(cutoff, batchSize: 7, budget: TimeSpan.FromHours(1), Ct);

        Assert.True(expiry.Ran);
        Assert.True(expiry.Complete);
        Assert.Equal(cutoff, expiry.DeletedBefore);

        // Nothing went row by row: the first month went with its partition, the second waits for all of it to expire.
        Assert.Equal(0, expiry.Calls);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            var partitions = (await CallPartitions.ListAsync(connection, Ct)).Select(p => p.Name).ToList();
            Assert.DoesNotContain($"Calls_{m0:yyyy_MM}", partitions);
            Assert.DoesNotContain($"CallEvents_{m0:yyyy_MM}", partitions);
            Assert.DoesNotContain("Calls_legacy", partitions);
            Assert.Contains($"Calls_{m1:yyyy_MM}", partitions);
            Assert.Contains($"CallEvents_{m2:yyyy_MM}", partitions);
            await using var gone = new NpgsqlCommand($"SELECT count(*) FROM pg_class WHERE relname IN ('Calls_{m0:yyyy_MM}', 'CallEvents_{m0:yyyy_MM}', 'Calls_legacy', 'CallEvents_legacy')", connection);
            Assert.Equal(0L, await gone.ExecuteScalarAsync(Ct)); // dropped, not only detached

            var kept = calls.Where(c => c.CreatedAt >= m1).Select(c => c.CallSid).Order(StringComparer.Ordinal).ToList();
            await using var sids = new NpgsqlCommand("SELECT \"CallSid\" FROM \"CallSids\"", connection);
            List<string> claimed = [];
            await using (var reader = await sids.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    claimed.Add(reader.GetString(0));
                }
            }

            Assert.Equal(kept, claimed.Order(StringComparer.Ordinal).ToList());
        }

        await using (var db = database.CreateDbContext())
        {
            var keptSids = calls.Where(c => c.CreatedAt >= m1).Select(c => c.CallSid).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(keptSids.Order(StringComparer.Ordinal), (await db.Calls.Select(c => c.CallSid).ToListAsync(Ct)).Order(StringComparer.Ordinal));
            Assert.Equal(events.Count(e => keptSids.Contains(e.CallSid)), await db.CallEvents.CountAsync(Ct));
            Assert.False(await db.CallEvents.AnyAsync(e => e.CallSid == late.CallSid, Ct), "the late call's timeline after midnight goes with it");
        }

        Assert.Equal(rowsBefore, await RollupRowsAsync());
        Assert.Equal(figuresBefore, await FiguresAsync(time, m0, cutoff.AddDays(5)));

        // A later pass counts nothing again, and a second run finds nothing more.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);
        Assert.Equal(rowsBefore, await RollupRowsAsync());
        var again = await rollups.ExpireCallsAsync(cutoff, 7, TimeSpan.FromHours(1), Ct);
        Assert.Equal((0, 0, true), (again.Calls, again.Events, again.Complete));

        // Once the whole second month is past the cut-off, it goes by its drop too, and still nothing row by row.
        time.Advance(TimeSpan.FromDays(31));
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);
        var later = await rollups.ExpireCallsAsync(m2, 7, TimeSpan.FromHours(1), Ct);
        Assert.Equal((0, true), (later.Calls, later.Complete));
        await using (var db = database.CreateDbContext())
        {
            Assert.False(await db.Calls.AnyAsync(c => c.CreatedAt < m2, Ct));
        }

        Assert.Equal(oldRowsBefore, await RollupRowsAsync(before: m2));
    }

    [Fact]
    public async Task A_month_whose_drop_cannot_take_its_lock_waits_for_the_next_run_and_nothing_of_it_is_deleted_row_by_row()
    {
        var today = DateTimeOffset.UtcNow;
        var month = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(12);
        var cutoff = month.AddMonths(1).AddDays(1);
        await MetricsSeed.ResetAsync(database);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await CallPartitions.EnsureAsync(connection, month, month.AddMonths(1), Ct);
        }

        var calls = Enumerable.Range(0, 20).Select(i => CallBuilder.At(month.AddHours(7 * i)).Ended(30).Build()).ToList();
        await MetricsSeed.AddAsync(database, [.. calls]);
        var time = new FakeTimeProvider(cutoff.AddDays(3));
        var rollups = new HourlyRollups(database, time);
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);

        // A long read holds the month's table: the drop waits for its lock timeout, then gives up for this run.
        await using (var reader = new NpgsqlConnection(database.ConnectionString))
        {
            await reader.OpenAsync(Ct);
            await using var hold = new NpgsqlCommand($"BEGIN; LOCK TABLE \"Calls_{month:yyyy_MM}\" IN ACCESS SHARE MODE;", reader);
            await hold.ExecuteNonQueryAsync(Ct);

            var blocked = await rollups.ExpireCallsAsync(cutoff, 7, TimeSpan.FromHours(1), Ct);

            Assert.Equal((true, 0, false), (blocked.Ran, blocked.Calls, blocked.Complete));
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(calls.Count, await db.Calls.CountAsync(Ct));
        }

        var next = await rollups.ExpireCallsAsync(cutoff, 7, TimeSpan.FromHours(1), Ct);

        Assert.Equal((true, 0, true), (next.Ran, next.Calls, next.Complete)); // dropped whole: no call went row by row
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(0, await db.Calls.CountAsync(Ct));
        }

        await using var check = new NpgsqlConnection(database.ConnectionString);
        await check.OpenAsync(Ct);
        Assert.DoesNotContain((await CallPartitions.ListAsync(check, Ct)).Select(p => p.Name), name => name == $"Calls_{month:yyyy_MM}");
    }

    private async Task<List<string>> RollupRowsAsync(DateTimeOffset? before = null)
    {
        await using var db = database.CreateDbContext();
        var rows = (await db.Set<CallHourRollup>().AsNoTracking().ToListAsync(Ct)).Where(r => before is null || r.HourStart < before);
        return rows.OrderBy(r => r.HourStart).ThenBy(r => r.Language, StringComparer.Ordinal)
            .Select(r => System.Text.Json.JsonSerializer.Serialize(r)).ToList();
    }

    /// <summary>The Consent page's and the call-success figures for a range, as the pages would show them.</summary>
    private async Task<string> FiguresAsync(TimeProvider time, DateTimeOffset from, DateTimeOffset to)
    {
        var queries = new MonitoringQueries(database, time);
        var consent = await queries.GetConsentAsync(from, to, Toronto, Ct);
        var calls = await queries.GetCallSuccessAsync(from, to, cancellationToken: Ct);
        Assert.True(consent.Totals.HeardDisclosure > 50, "the old range should have consent figures worth comparing");
        Assert.True(calls.Offered > 100, "the old range should have calls worth comparing");
        return System.Text.Json.JsonSerializer.Serialize(new { consent.Totals, consent.ByDayAndLanguage, calls });
    }
}
