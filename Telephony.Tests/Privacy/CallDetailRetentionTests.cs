using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Errors;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.RateLimiting;
using Telephony.Data.Sms;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Metrics;

namespace Telephony.Tests.Privacy;

/// <summary>
/// <c>Retention:CallDays</c>: calls, legs, timelines, SMS, violations and webhook errors past retention are deleted, a
/// batch at a time; the hourly rollups keep the counts of the expired hours through later passes, refolds and rebuilds,
/// so the pages' figures for old ranges do not move; voicemail rows and the consent ledger are left alone.
/// </summary>
public abstract class CallDetailRetentionTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const int RetentionDays = 60;
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 37, 0, TimeSpan.Zero);

    // Calls before this hour are past retention.
    private static readonly DateTimeOffset Cutoff = new(2025, 4, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    private readonly TDatabase database;

    protected CallDetailRetentionTests(TDatabase database) => this.database = database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await MetricsSeed.ResetAsync(database);
        await using var db = database.CreateDbContext();
        await db.SmsMessages.ExecuteDeleteAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Expired_detail_is_deleted_in_small_batches_and_the_rollups_keep_the_old_figures()
    {
        var time = new FakeTimeProvider(Now);
        var seeded = await SeedAsync();
        var rollups = new HourlyRollups(database, time);
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);
        var rowsBefore = await RollupRowsAsync();
        var figuresBefore = await FiguresAsync(time);
        Assert.True(figuresBefore.OldConsent.Totals.HeardDisclosure > 50, "the old range should have consent figures worth comparing");
        Assert.True(figuresBefore.OldCalls.Offered > 100, "the old range should have calls worth comparing");

        // Batches far smaller than the data: every table takes several statements.
        var expiry = await rollups.ExpireCallsAsync(Now.AddDays(-RetentionDays), batchSize: 7, budget: TimeSpan.FromHours(1), Ct);
        var sms = await new SmsStore(database, time).PurgeAsync(Now.AddDays(-RetentionDays), Ct, batchSize: 7);
        var errors = await new WebhookErrorStore(database, time).PurgeAsync(Now.AddDays(-RetentionDays), Now.AddDays(-RetentionDays), Ct, batchSize: 7);
        var violations = await new RateLimitStore(database).PurgeViolationsAsync(Now.AddDays(-RetentionDays), Ct, batchSize: 7);

        Assert.True(expiry.Ran);
        Assert.True(expiry.Complete);
        Assert.Equal(Cutoff, expiry.DeletedBefore);
        Assert.Equal(seeded.Calls.Count(c => c.CreatedAt < Cutoff), expiry.Calls);
        Assert.Equal(seeded.Events.Count(e => seeded.Calls.Single(c => c.CallSid == e.CallSid).CreatedAt < Cutoff), expiry.Events);
        Assert.True(expiry.Calls > 7 * 10, $"{expiry.Calls} calls: more than ten batches");
        Assert.Equal(seeded.Sms.Count(m => m.ReceivedAt < Now.AddDays(-RetentionDays)), sms);
        Assert.Equal(seeded.Errors.Count(e => e.At < Now.AddDays(-RetentionDays)), errors);
        Assert.Equal(seeded.Violations.Count(v => v.At < Now.AddDays(-RetentionDays)), violations);

        await using (var db = database.CreateDbContext())
        {
            // Exactly the recent detail is left, in every table.
            Assert.Equal(Sorted(seeded.Calls.Where(c => c.CreatedAt >= Cutoff).Select(c => c.CallSid)), Sorted(await db.Calls.Select(c => c.CallSid).ToListAsync(Ct)));
            Assert.Contains(await db.Calls.ToListAsync(Ct), c => c.ParentCallSid is not null);
            var keptSids = seeded.Calls.Where(c => c.CreatedAt >= Cutoff).Select(c => c.CallSid).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(seeded.Events.Count(e => keptSids.Contains(e.CallSid)), await db.CallEvents.CountAsync(Ct));
            Assert.Equal(Sorted(seeded.Sms.Where(m => m.ReceivedAt >= Now.AddDays(-RetentionDays)).Select(m => m.MessageSid)),
                Sorted(await db.SmsMessages.Select(m => m.MessageSid).ToListAsync(Ct)));
            Assert.Equal(seeded.Errors.Count(e => e.At >= Now.AddDays(-RetentionDays)), await db.WebhookErrors.CountAsync(Ct));
            Assert.Equal(seeded.Violations.Count(v => v.At >= Now.AddDays(-RetentionDays)), await db.RateLimitViolations.CountAsync(Ct));

            // Their own retention: every voicemail row and every consent ledger entry is still there.
            Assert.Equal(seeded.Voicemails, await db.Voicemails.CountAsync(Ct));
            Assert.Equal(seeded.Consent, await db.ConsentRecords.CountAsync(Ct));
        }

        Assert.Equal(rowsBefore, await RollupRowsAsync());
        AssertSame(figuresBefore, await FiguresAsync(time));

        // A later pass, a refold of every hour and a full rebuild (the state row removed) count nothing again in the expired hours.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await rollups.RunPassAsync(Ct)).Ran);
        Assert.True((await rollups.RefoldAsync(Now.AddDays(-100), Now, Ct)).Ran);
        Assert.Equal(rowsBefore, await RollupRowsAsync());
        AssertSame(figuresBefore, await FiguresAsync(time));
        await using (var db = database.CreateDbContext())
        {
            await db.Set<RollupState>().ExecuteDeleteAsync(Ct);
        }

        var rebuild = await rollups.RunPassAsync(Ct);
        Assert.True(rebuild.Ran);
        Assert.Equal(rowsBefore, await RollupRowsAsync());
        AssertSame(figuresBefore, await FiguresAsync(time));
        await using (var db = database.CreateDbContext())
        {
            // The rebuild found the expired hours' rows before the first call left and declared them final again.
            var lastExpiredHour = (await db.Set<CallHourRollup>().Where(r => r.HourStart < Cutoff).Select(r => r.HourStart).ToListAsync(Ct)).Max();
            Assert.Equal(lastExpiredHour.AddHours(1), (await db.Set<RollupState>().SingleAsync(Ct)).DetailDeletedBefore);
        }

        // Running it again finds nothing more.
        Assert.Equal(0, (await rollups.ExpireCallsAsync(Now.AddDays(-RetentionDays), 7, TimeSpan.FromHours(1), Ct)).Calls);
    }

    [Fact]
    public async Task Only_hours_already_folded_are_deleted()
    {
        var time = new FakeTimeProvider(Now.AddDays(-70));
        var seeded = await SeedAsync();
        var rollups = new HourlyRollups(database, time);

        // No pass yet: nothing is counted, so nothing may go.
        var early = await rollups.ExpireCallsAsync(Now.AddDays(-RetentionDays), 50, TimeSpan.FromHours(1), Ct);
        Assert.True(early.Ran);
        Assert.Equal(0, early.Calls);

        // Folded only up to 70 days ago: the calls between then and the cut-off wait for their hours to be folded.
        var pass = await rollups.RunPassAsync(Ct);
        time.Advance(TimeSpan.FromDays(70));
        var expiry = await rollups.ExpireCallsAsync(Now.AddDays(-RetentionDays), 50, TimeSpan.FromHours(1), Ct);

        Assert.Equal(pass.FoldedThrough, expiry.DeletedBefore);
        Assert.True(expiry.DeletedBefore < Cutoff);
        Assert.Equal(seeded.Calls.Count(c => c.CreatedAt < pass.FoldedThrough), expiry.Calls);
        await using var db = database.CreateDbContext();
        Assert.Equal(seeded.Calls.Count(c => c.CreatedAt >= pass.FoldedThrough), await db.Calls.CountAsync(Ct));
        Assert.True(await db.Calls.AnyAsync(c => c.CreatedAt < Cutoff, Ct), "calls past retention but not folded yet are kept");
    }

    [Fact]
    public async Task A_run_stops_at_its_budget_and_the_next_run_goes_on()
    {
        var time = new FakeTimeProvider(Now);
        var seeded = await SeedAsync();
        var rollups = new HourlyRollups(database, time);
        await rollups.RunPassAsync(Ct);
        var expired = seeded.Calls.Count(c => c.CreatedAt < Cutoff);

        var first = await rollups.ExpireCallsAsync(Now.AddDays(-RetentionDays), 10, TimeSpan.Zero, Ct);

        Assert.False(first.Complete);
        Assert.Equal(10, first.Calls);
        var runs = 1;
        var deleted = first.Calls;
        for (var run = first; !run.Complete; runs++)
        {
            run = await rollups.ExpireCallsAsync(Now.AddDays(-RetentionDays), 100, TimeSpan.Zero, Ct);
            deleted += run.Calls;
        }

        Assert.Equal(expired, deleted);
        Assert.True(runs > 2, $"{runs} runs");
        await using var db = database.CreateDbContext();
        Assert.False(await db.Calls.AnyAsync(c => c.CreatedAt < Cutoff, Ct));
    }

    [Fact]
    public async Task Two_instances_expiring_at_once_raise_nothing_and_delete_everything_past_retention()
    {
        var time = new FakeTimeProvider(Now);
        var seeded = await SeedAsync();
        var first = new HourlyRollups(database, time);
        var second = new HourlyRollups(database, time);
        await first.RunPassAsync(Ct);
        var rowsBefore = await RollupRowsAsync();
        var before = Now.AddDays(-RetentionDays);

        // Both instances' whole retention run, three times over, all at once, while both also run rollup passes.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { first, second }).Select(rollups => Task.Run(async () =>
        {
            var calls = await rollups.ExpireCallsAsync(before, 20, TimeSpan.FromHours(1), Ct);
            await rollups.RunPassAsync(Ct);
            var sms = await new SmsStore(database, time).PurgeAsync(before, Ct, batchSize: 20);
            var other = await new WebhookErrorStore(database, time).PurgeAsync(before, before, Ct, batchSize: 20)
                + await new RateLimitStore(database).PurgeViolationsAsync(before, Ct, batchSize: 20);
            return (calls, sms, other);
        }, Ct)));

        Assert.Contains(runs, r => r.calls.Ran);
        Assert.Equal(seeded.Calls.Count(c => c.CreatedAt < Cutoff), runs.Sum(r => r.calls.Calls));
        Assert.Equal(seeded.Sms.Count(m => m.ReceivedAt < before), runs.Sum(r => r.sms));
        Assert.Equal(seeded.Errors.Count(e => e.At < before) + seeded.Violations.Count(v => v.At < before), runs.Sum(r => r.other));
        await using (var db = database.CreateDbContext())
        {
            Assert.False(await db.Calls.AnyAsync(c => c.CreatedAt < Cutoff, Ct));
            Assert.False(await db.SmsMessages.AnyAsync(m => m.ReceivedAt < before, Ct));
            Assert.Equal(seeded.Calls.Count(c => c.CreatedAt >= Cutoff), await db.Calls.CountAsync(Ct));
        }

        Assert.Equal(rowsBefore, await RollupRowsAsync());
    }

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

    private async Task<List<string>> RollupRowsAsync()
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Set<CallHourRollup>().AsNoTracking().ToListAsync(Ct);
        return rows.OrderBy(r => r.HourStart).ThenBy(r => r.Language, StringComparer.Ordinal)
            .Select(r => System.Text.Json.JsonSerializer.Serialize(r)).ToList();
    }

    /// <summary>The Consent page and the call-success figures for an old range (whole hours across the cut-off) and the recent month.</summary>
    private async Task<Figures> FiguresAsync(TimeProvider time)
    {
        var queries = new MonitoringQueries(database, time);
        var oldFrom = Cutoff.AddDays(-30);
        var oldTo = Cutoff.AddDays(10);
        return new Figures(
            await queries.GetConsentAsync(oldFrom, oldTo, Toronto, Ct),
            await queries.GetCallSuccessAsync(oldFrom, oldTo, cancellationToken: Ct),
            await queries.GetConsentAsync(Now.AddDays(-30), Now, Toronto, Ct),
            await queries.GetCallSuccessAsync(Now.AddDays(-30), Now, cancellationToken: Ct));
    }

    private static void AssertSame(Figures expected, Figures actual)
    {
        Assert.Equal(expected.OldConsent.Totals, actual.OldConsent.Totals);
        Assert.Equal(expected.OldConsent.ByDayAndLanguage, actual.OldConsent.ByDayAndLanguage);
        Assert.Equal(expected.OldCalls, actual.OldCalls);
        Assert.Equal(expected.RecentConsent.Totals, actual.RecentConsent.Totals);
        Assert.Equal(expected.RecentConsent.ByDayAndLanguage, actual.RecentConsent.ByDayAndLanguage);
        Assert.Equal(expected.RecentCalls, actual.RecentCalls);
    }

    /// <summary>
    /// About 700 calls over 95 days (every outcome, both languages, legs for transfers, two to four timeline events each,
    /// consent decisions, voicemails), and SMS, webhook errors and violations on every day.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var random = new Random(7);
        var calls = new List<Call>();
        var events = new List<CallEvent>();
        var rows = new List<object>();
        var voicemails = 0;
        var consent = 0;
        for (var i = 0; i < 700; i++)
        {
            var createdAt = Now.AddSeconds(-random.Next(3_600, 95 * 24 * 3600));
            var builder = CallBuilder.At(createdAt).Language(random.NextDouble() < 0.3 ? "fr" : "en").From($"+1514555{i:0000}");
            var state = random.NextDouble() switch { < 0.75 => ConsentState.Granted, < 0.85 => ConsentState.Withdrawn, _ => ConsentState.Unknown };
            builder.Consent(state);
            var transfer = false;
            switch (random.Next(6))
            {
                case 0: builder.Blocked(); break;
                case 1: builder.Ended(random.Next(1, 30)); break;
                case 2: builder.Voicemail(); break;
                case 3: builder.Transfer(random.Next(5, 30)).Answered(random.Next(1, 25), random.Next(10, 500)); transfer = true; break;
                case 4: builder.Transfer(random.Next(5, 30)).DialResult("no-answer").Voicemail(80); transfer = true; break;
                default: builder.Transfer(20).Answered(random.Next(1, 20), random.Next(10, 100)); transfer = true; break;
            }

            var call = builder.Build();
            calls.Add(call);
            for (var e = 0; e < 2 + random.Next(3); e++)
            {
                events.Add(new CallEvent { CallSid = call.CallSid, Kind = "status", Detail = "step " + e, OccurredAt = call.CreatedAt.AddSeconds(e) });
            }

            if (transfer)
            {
                var leg = CallBuilder.LegOf(call);
                calls.Add(leg);
                events.Add(new CallEvent { CallSid = leg.CallSid, Kind = "status", Detail = "leg", OccurredAt = leg.CreatedAt });
            }

            if (random.NextDouble() < 0.2)
            {
                events.Add(MetricsSeed.CallRecording(call.CallSid, call.CreatedAt.AddSeconds(50)));
            }

            if (call.ReachedVoicemail)
            {
                rows.Add(MetricsSeed.Voicemail(call.CallSid, call.CreatedAt.AddSeconds(70)));
                voicemails++;
            }

            if (state != ConsentState.Unknown)
            {
                rows.Add(MetricsSeed.Consent(call.CallSid, ConsentDecision.Granted, call.CreatedAt.AddSeconds(5), call.Language));
                consent++;
            }

            if (state == ConsentState.Withdrawn)
            {
                rows.Add(MetricsSeed.Consent(call.CallSid, ConsentDecision.Withdrawn, call.CreatedAt.AddSeconds(8), call.Language));
                consent++;
            }
        }

        var sms = new List<SmsMessage>();
        var errors = new List<WebhookError>();
        var violations = new List<RateLimitViolation>();
        for (var day = 0; day < 95; day++)
        {
            var at = Now.AddDays(-day).AddMinutes(-random.Next(1, 600));
            sms.Add(new SmsMessage { MessageSid = "SM" + Guid.NewGuid().ToString("N"), From = "+15145550001", To = "+15145559999", Body = "hello", ReceivedAt = at });
            sms.Add(new SmsMessage { MessageSid = "SM" + Guid.NewGuid().ToString("N"), From = "+15145559999", To = "+15145550001", Body = "reply", Direction = "outbound", ReceivedAt = at.AddSeconds(2) });
            errors.Add(MetricsSeed.Error(at));
            violations.Add(MetricsSeed.Violation("+15145550002", at));
        }

        await MetricsSeed.AddAsync(database, [.. calls, .. events, .. rows, .. sms, .. errors, .. violations]);
        return new Seeded(calls, events, sms, errors, violations, voicemails, consent);
    }

    private sealed record Seeded(
        List<Call> Calls, List<CallEvent> Events, List<SmsMessage> Sms, List<WebhookError> Errors, List<RateLimitViolation> Violations, int Voicemails, int Consent);

    private sealed record Figures(ConsentMetrics OldConsent, CallSuccessMetrics OldCalls, ConsentMetrics RecentConsent, CallSuccessMetrics RecentCalls);
}

public sealed class SqliteCallDetailRetentionTests(SqliteDatabase database) : CallDetailRetentionTests<SqliteDatabase>(database);

public sealed class PostgresCallDetailRetentionTests(PostgresDatabase database) : CallDetailRetentionTests<PostgresDatabase>(database);
