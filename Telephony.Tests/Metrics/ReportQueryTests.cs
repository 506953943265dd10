using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Consent;
using Telephony.Core.Reports;
using Telephony.Core.Voicemail;
using Telephony.Data.Consent;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Reports;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>
/// The Reports page's figures on each provider, against figures worked out by hand: two days in America/Toronto with a
/// call and a voicemail left at 23:30 local time (the next day in UTC), read call by call, then with the hours of the
/// first day and a half folded into rollups and the rest read from the calls, then with everything folded.
/// </summary>
public abstract class ReportQueryTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    // Wednesday 25 November 2026, 10:37 in Toronto (EST, UTC−5).
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 37, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly CallbackSla Sla = new(BusinessHours.Default);
    private static readonly ReportRange TwoDays = ReportRange.Custom(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24))!;

    private readonly TDatabase database;
    private readonly FakeTimeProvider time = new(Now);

    protected ReportQueryTests(TDatabase database) => this.database = database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await MetricsSeed.ResetAsync(database);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Two_days_in_Toronto_give_the_figures_worked_out_by_hand_before_and_after_the_rollup_pass()
    {
        await SeedTwoDaysAsync();

        var byCalls = await ReportAsync(TwoDays);
        AssertHandFigures(byCalls);

        // A pass on Tuesday at 12:00 UTC folds every hour before 12:00 UTC; Tuesday's later calls are read one by one.
        var early = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var pass = await new HourlyRollups(database, early).RunPassAsync(Ct);
        Assert.True(pass.Ran);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero), pass.FoldedThrough);
        var mixed = await ReportAsync(TwoDays);
        AssertHandFigures(mixed);

        var late = await new HourlyRollups(database, time).RunPassAsync(Ct);
        Assert.True(late.Ran);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), late.FoldedThrough);
        var folded = await ReportAsync(TwoDays);
        AssertHandFigures(folded);

        Assert.Equal(byCalls.Buckets, mixed.Buckets);
        Assert.Equal(byCalls.Buckets, folded.Buckets);
        Assert.Equal(byCalls.Total, folded.Total);
    }

    [Fact]
    public async Task A_one_day_report_is_cut_in_local_hours_and_the_call_at_23_30_is_in_the_last_hour()
    {
        await SeedTwoDaysAsync();
        await new HourlyRollups(database, time).RunPassAsync(Ct);

        var monday = await ReportAsync(ReportRange.Of(ReportPeriod.Day, new DateOnly(2026, 11, 23)));

        Assert.Equal(24, monday.Buckets.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), monday.Buckets[0].From);
        Assert.Equal(4, monday.Total.Calls.Offered);
        Assert.Equal(1, monday.Buckets[5].Calls.TransfersAnswered); // 05:00 local: call A
        Assert.Equal(1, monday.Buckets[23].Calls.Voicemails); // 23:30 local: call C
        Assert.Equal(1, monday.Buckets[23].Callbacks.Missed); // and voicemail V5
        Assert.Equal([1, 1, 1, 1], monday.Buckets.Where(b => b.Calls.Offered > 0).Select(b => b.Calls.Offered));
        Assert.Null(monday.Buckets[0].Calls.AnswerRate);
        Assert.Null(monday.Buckets[0].Consent.ConsentRate);
        Assert.Null(monday.Buckets[0].Callbacks.MetRate);
    }

    [Fact]
    public async Task A_week_of_random_calls_reads_the_same_from_rollups_as_call_by_call()
    {
        var random = new Random(20261125);
        var start = new DateTimeOffset(2026, 11, 16, 3, 0, 0, TimeSpan.Zero);
        var rows = new List<object>();
        for (var i = 0; i < 700; i++)
        {
            var at = start.AddSeconds(random.Next(0, 9 * 24 * 3600));
            var call = (random.Next(6) switch
            {
                0 => CallBuilder.At(at).Transfer(8).Answered(random.Next(1, 25), random.Next(10, 600)),
                1 => CallBuilder.At(at).Transfer(8).Voicemail(),
                2 => CallBuilder.At(at).Transfer(8).Ended(8 + random.Next(1, 40)),
                3 => CallBuilder.At(at).Ended(random.Next(1, 40)),
                4 => CallBuilder.At(at).Blocked(),
                _ => CallBuilder.At(at).Language("fr").Transfer(5),
            }).Consent(random.Next(3) == 0 ? ConsentState.Withdrawn : ConsentState.Granted).Build();
            rows.Add(call);
            rows.Add(MetricsSeed.Consent(call.CallSid, call.ConsentState == ConsentState.Withdrawn ? ConsentDecision.Withdrawn : ConsentDecision.Granted, at.AddSeconds(4), call.Language));
            if (call.ReachedVoicemail)
            {
                var voicemail = MetricsSeed.Voicemail(call.CallSid, at.AddSeconds(60), (VoicemailState)random.Next(4));
                voicemail.CalledBackAt = voicemail.State == VoicemailState.CalledBack ? voicemail.CreatedAt.AddHours(random.Next(1, 30)) : null;
                rows.Add(voicemail);
            }
        }

        await MetricsSeed.AddAsync(database, [.. rows]);
        var week = ReportRange.Of(ReportPeriod.Week, new DateOnly(2026, 11, 18));
        var byCalls = await ReportAsync(week);

        await new HourlyRollups(database, new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 30, 0, TimeSpan.Zero))).RunPassAsync(Ct);
        var mixed = await ReportAsync(week);
        await new HourlyRollups(database, time).RunPassAsync(Ct);
        var folded = await ReportAsync(week);

        Assert.Equal(7, byCalls.Buckets.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 5, 0, 0, TimeSpan.Zero), byCalls.Buckets[0].From); // Monday, local midnight
        Assert.True(byCalls.Total.Calls.Offered > 300, $"{byCalls.Total.Calls.Offered} calls offered");
        Assert.Equal(byCalls.Buckets.Sum(b => b.Calls.Offered), byCalls.Total.Calls.Offered);
        Assert.Equal(byCalls.Buckets.Sum(b => b.Consent.HeardDisclosure), byCalls.Total.Consent.HeardDisclosure);
        Assert.Equal(byCalls.Buckets, mixed.Buckets);
        Assert.Equal(byCalls.Total, mixed.Total);
        Assert.Equal(byCalls.Buckets, folded.Buckets);
        Assert.Equal(byCalls.Total, folded.Total);
    }

    private Task<Report> ReportAsync(ReportRange range) => new ReportQuery(database, time).RunAsync(range, Toronto, Sla, cancellationToken: Ct);

    /// <summary>
    /// Monday 23 (local): A answered after 5 s ring (talk 100 s), B answered after 20 s (talk 200 s), D hung up in the
    /// menu, C reached voicemail at 23:30 local (04:30 UTC on the 24th). Tuesday 24: E abandoned 30 s into the transfer,
    /// F answered after 10 s (talk 60 s), G blocked, H gone 2 s into the transfer (a short abandon). Outside: the 22nd
    /// and the 25th (local), and a transfer leg that is never a call.
    /// </summary>
    private async Task SeedTwoDaysAsync()
    {
        static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

        var a = CallBuilder.At(Utc(23, 10)).Transfer(10).Answered(5, 100).Consent(ConsentState.Granted).Build();
        var b = CallBuilder.At(Utc(23, 14, 20)).Transfer(10).Answered(20, 200).Consent(ConsentState.Withdrawn).Build();
        var c = CallBuilder.At(Utc(24, 4, 30)).Transfer(10).Voicemail().Build();
        var d = CallBuilder.At(Utc(23, 16)).Ended(30).Build();
        var e = CallBuilder.At(Utc(24, 5, 10)).Transfer(10).Ended(40).Consent(ConsentState.Granted).Build();
        var f = CallBuilder.At(Utc(24, 15)).Transfer(10).Answered(10, 60).Build();
        var g = CallBuilder.At(Utc(24, 15, 30)).Blocked().Build();
        var h = CallBuilder.At(Utc(24, 20)).Transfer(10).Ended(12).Build();
        var before = CallBuilder.At(Utc(23, 4, 59)).Transfer(10).Answered(3, 30).Build();
        var after = CallBuilder.At(Utc(25, 5)).Transfer(10).Voicemail().Build();

        var met = MetricsSeed.Voicemail(a.CallSid, Utc(23, 15), VoicemailState.CalledBack);
        met.CalledBackAt = Utc(23, 17); // due 14:00 local = 19:00 UTC
        var late = MetricsSeed.Voicemail(b.CallSid, Utc(23, 20), VoicemailState.CalledBack);
        late.CalledBackAt = Utc(24, 18); // due Tuesday 11:00 local = 16:00 UTC
        var overdueAtNight = MetricsSeed.Voicemail(c.CallSid, Utc(24, 4, 30)); // 23:30 Monday local, due Tuesday 13:00 local
        var overdue = MetricsSeed.Voicemail(f.CallSid, Utc(24, 14)); // due 13:00 local, still new
        var archived = MetricsSeed.Voicemail(h.CallSid, Utc(24, 22), VoicemailState.Archived); // needed no callback
        var pending = MetricsSeed.Voicemail(e.CallSid, Utc(24, 21, 30), VoicemailState.Claimed); // due Wednesday 12:30 local, after now
        var outside = MetricsSeed.Voicemail(after.CallSid, Utc(25, 5, 1));

        await MetricsSeed.AddAsync(
            database,
            a, b, c, d, e, f, g, h, before, after, CallBuilder.LegOf(a),
            MetricsSeed.Consent(a.CallSid, ConsentDecision.Granted, a.CreatedAt.AddSeconds(5)),
            MetricsSeed.Consent(b.CallSid, ConsentDecision.Withdrawn, b.CreatedAt.AddSeconds(5)),
            MetricsSeed.Consent(e.CallSid, ConsentDecision.Granted, e.CreatedAt.AddSeconds(5)),
            MetricsSeed.Consent(before.CallSid, ConsentDecision.Granted, before.CreatedAt.AddSeconds(5)),
            met, late, overdueAtNight, overdue, archived, pending, outside);
    }

    private static void AssertHandFigures(Report report)
    {
        Assert.Equal(2, report.Buckets.Count);
        var (monday, tuesday, total) = (report.Buckets[0], report.Buckets[1], report.Total);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), monday.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero), monday.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero), tuesday.To);

        // Monday: 4 offered, 3 transfers (A, B, C), 2 answered, A within 15 s, no abandon after a transfer, D in the menu.
        Assert.Equal((4, 0, 3, 2, 1, 0, 1), (monday.Calls.Offered, monday.Calls.Blocked, monday.Calls.TransfersAttempted, monday.Calls.TransfersAnswered, monday.Calls.Voicemails, monday.Calls.Abandoned, monday.Calls.IvrAbandons));
        Assert.Equal(2.0 / 3, monday.Calls.AnswerRate);
        Assert.Equal(1.0 / 3, monday.Calls.ServiceLevel);
        Assert.Equal(0.0, monday.Calls.AbandonmentRate);
        Assert.Equal(12.5, monday.Calls.AverageSpeedOfAnswerSeconds);
        Assert.Equal(150.0, monday.Calls.AverageTalkTimeSeconds);
        Assert.Equal(1, monday.AbandonedWithMenu);
        Assert.Equal(new ConsentCounts(2, 1, 1, 0), monday.Consent);
        Assert.Equal(0.5, monday.Consent.ConsentRate);
        Assert.Equal(new CallbackSlaCounts(3, 1, 2, 0), monday.Callbacks);
        Assert.Equal(1.0 / 3, monday.Callbacks.MetRate);

        // Tuesday: 3 offered and G blocked, 3 transfers (E, F, H), F answered within 15 s, E abandoned, H a short abandon.
        Assert.Equal((3, 1, 3, 1, 0, 1, 0, 1), (tuesday.Calls.Offered, tuesday.Calls.Blocked, tuesday.Calls.TransfersAttempted, tuesday.Calls.TransfersAnswered, tuesday.Calls.Voicemails, tuesday.Calls.Abandoned, tuesday.Calls.IvrAbandons, tuesday.Calls.ShortAbandons));
        Assert.Equal(1.0 / 3, tuesday.Calls.AnswerRate);
        Assert.Equal(0.5, tuesday.Calls.ServiceLevel); // 1 ÷ (3 transfers − 1 short abandon)
        Assert.Equal(0.5, tuesday.Calls.AbandonmentRate); // 1 ÷ (3 offered − 1 short abandon)
        Assert.Equal(10.0, tuesday.Calls.AverageSpeedOfAnswerSeconds);
        Assert.Equal(60.0, tuesday.Calls.AverageTalkTimeSeconds);
        Assert.Equal(new ConsentCounts(1, 1, 0, 0), tuesday.Consent);
        Assert.Equal(new CallbackSlaCounts(3, 0, 1, 1), tuesday.Callbacks);
        Assert.Equal(0.0, tuesday.Callbacks.MetRate);

        // The two days together.
        Assert.Equal((7, 1, 6, 3), (total.Calls.Offered, total.Calls.Blocked, total.Calls.TransfersAttempted, total.Calls.TransfersAnswered));
        Assert.Equal(0.5, total.Calls.AnswerRate);
        Assert.Equal(0.4, total.Calls.ServiceLevel); // 2 ÷ (6 − 1)
        Assert.Equal(1.0 / 6, total.Calls.AbandonmentRate);
        Assert.Equal(35.0 / 3, total.Calls.AverageSpeedOfAnswerSeconds!.Value, 9);
        Assert.Equal(120.0, total.Calls.AverageTalkTimeSeconds);
        Assert.Equal(new ConsentCounts(3, 2, 1, 0), total.Consent);
        Assert.Equal(new CallbackSlaCounts(6, 1, 3, 1), total.Callbacks);
        Assert.Equal(0.25, total.Callbacks.MetRate);
    }
}

public sealed class SqliteReportQueryTests(SqliteDatabase database) : ReportQueryTests<SqliteDatabase>(database);

public sealed class PostgresReportQueryTests(PostgresDatabase database) : ReportQueryTests<PostgresDatabase>(database);
