using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Consent;
using Telephony.Data.Alerts;
using Telephony.Data.Consent;
using Telephony.Data.Metrics;
using Telephony.Data.Provisioning;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

public abstract class ConsentAndOverviewTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset May31 = new(2025, 5, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset June1 = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TDatabase database;
    private readonly MonitoringQueries queries;

    protected ConsentAndOverviewTests(TDatabase database)
    {
        this.database = database;
        queries = new MonitoringQueries(database, new FakeTimeProvider(Now));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await MetricsSeed.ResetAsync(database);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Consent_counts_who_heard_the_disclosure_who_stood_who_withdrew_and_recordings_without_consent_by_day_and_language()
    {
        var stood = CallBuilder.At(May31.AddHours(9)).Consent(ConsentState.Granted).Voicemail().Build();
        var withdrew = CallBuilder.At(May31.AddHours(10)).Consent(ConsentState.Withdrawn).Voicemail().Build();
        var french = CallBuilder.At(May31.AddHours(11)).Language("fr").Consent(ConsentState.Granted).Ended(60).Build();
        var hungUpInPrompt = CallBuilder.At(June1.AddHours(8)).Ended(6).Build();
        var failSafe = CallBuilder.At(June1.AddHours(9)).Voicemail().Build();
        var blocked = CallBuilder.At(June1.AddHours(9)).Blocked().Build();
        await MetricsSeed.AddAsync(
            database,
            stood, withdrew, french, hungUpInPrompt, failSafe, blocked,
            MetricsSeed.Consent(stood.CallSid, ConsentDecision.Granted, stood.CreatedAt.AddSeconds(10)),
            MetricsSeed.Voicemail(stood.CallSid, stood.CreatedAt.AddSeconds(40)),
            MetricsSeed.Consent(withdrew.CallSid, ConsentDecision.Granted, withdrew.CreatedAt.AddSeconds(10)),
            MetricsSeed.Consent(withdrew.CallSid, ConsentDecision.Withdrawn, withdrew.CreatedAt.AddSeconds(20)),
            MetricsSeed.Voicemail(withdrew.CallSid, withdrew.CreatedAt.AddSeconds(40)),
            MetricsSeed.CallRecording(withdrew.CallSid, withdrew.CreatedAt.AddSeconds(50)),
            MetricsSeed.CallRecording(stood.CallSid, stood.CreatedAt.AddSeconds(50)),
            MetricsSeed.Consent(french.CallSid, ConsentDecision.Granted, french.CreatedAt.AddSeconds(10), "fr"),
            MetricsSeed.Consent(failSafe.CallSid, ConsentDecision.NotRecorded, failSafe.CreatedAt.AddSeconds(10)),
            MetricsSeed.Voicemail(failSafe.CallSid, failSafe.CreatedAt.AddSeconds(40)),
            MetricsSeed.CallRecording(failSafe.CallSid, failSafe.CreatedAt.AddSeconds(50)),
            MetricsSeed.Consent(blocked.CallSid, ConsentDecision.Granted, blocked.CreatedAt));

        var result = await queries.GetConsentAsync(May31, June1.AddDays(1), cancellationToken: Ct);

        Assert.Equal(new ConsentCounts(HeardDisclosure: 3, ConsentStood: 2, Withdrawn: 1, RecordingsWithoutConsent: 2), result.Totals);
        Assert.Equal(2.0 / 3, result.Totals.ConsentRate);
        Assert.Equal(
            [
                new ConsentBreakdown(DateOnly.FromDateTime(May31.Date), "en", new ConsentCounts(2, 1, 1, 1)),
                new ConsentBreakdown(DateOnly.FromDateTime(May31.Date), "fr", new ConsentCounts(1, 1, 0, 0)),
                new ConsentBreakdown(DateOnly.FromDateTime(June1.Date), "en", new ConsentCounts(0, 0, 0, 1)),
            ],
            result.ByDayAndLanguage);
        Assert.Equal(0.5, result.ByDayAndLanguage[0].Counts.ConsentRate);
        Assert.Null(result.ByDayAndLanguage[2].Counts.ConsentRate);
    }

    [Fact]
    public async Task Consent_days_are_cut_in_the_operators_time_zone()
    {
        var eastern = TimeZoneInfo.CreateCustomTimeZone("test-05", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        var lateEvening = CallBuilder.At(June1.AddHours(2)).Consent(ConsentState.Granted).Ended(60).Build();
        await MetricsSeed.AddAsync(database, lateEvening, MetricsSeed.Consent(lateEvening.CallSid, ConsentDecision.Granted, lateEvening.CreatedAt));

        var result = await queries.GetConsentAsync(May31, June1.AddDays(1), eastern, Ct);

        Assert.Equal([new DateOnly(2025, 5, 31)], result.ByDayAndLanguage.Select(b => b.Day));
    }

    [Fact]
    public async Task A_window_where_nobody_heard_the_disclosure_has_no_consent_rate()
    {
        await MetricsSeed.AddAsync(database, CallBuilder.At(June1).Ended(4).Build());

        var result = await queries.GetConsentAsync(May31, June1.AddDays(1), cancellationToken: Ct);

        Assert.Equal(new ConsentCounts(0, 0, 0, 0), result.Totals);
        Assert.Null(result.Totals.ConsentRate);
    }

    [Fact]
    public async Task The_overview_gathers_every_tile_in_one_call()
    {
        var active = CallBuilder.At(Now.AddMinutes(-1)).Build();
        await MetricsSeed.AddAsync(
            database,
            active,
            CallBuilder.At(Now.AddMinutes(-20)).Transfer(30).Answered(10, 100).Build(),
            CallBuilder.At(Now.AddHours(-3)).Voicemail().Build(),
            CallBuilder.At(Now.AddHours(-25)).Voicemail().Build(),
            MetricsSeed.Voicemail("CA1", Now.AddMinutes(-90)),
            MetricsSeed.Error(Now.AddMinutes(-5)),
            MetricsSeed.Error(Now.AddMinutes(-90)),
            MetricsSeed.Violation("+15550000001", Now.AddMinutes(-5)),
            MetricsSeed.Transaction(TransactionStatus.Failed, Now.AddDays(-2)),
            new Alert { RuleKey = "success-rate", Message = "low", FiredAt = Now.AddMinutes(-3) },
            new Alert { RuleKey = "errors", Message = "old", Status = AlertStatus.Resolved, FiredAt = Now.AddDays(-1) });

        var overview = await queries.GetOverviewAsync(cancellationToken: Ct);

        Assert.Equal(Now, overview.At);
        Assert.Equal([active.CallSid], overview.ActiveCalls.Active.Select(c => c.CallSid));
        Assert.Equal(3, overview.Volume.Sum(h => h.Offered));
        Assert.Equal((3, 1, 1, 1), (overview.Calls.Offered, overview.Calls.TransfersAnswered, overview.Calls.Voicemails, overview.Calls.InProgress));
        Assert.Equal(2, overview.Calls.Finished);
        Assert.Equal(1.0, overview.Calls.CallSuccessRate); // the ringing call is in neither numerator nor denominator
        Assert.Equal(new VoicemailBacklog(1, 0, Now.AddMinutes(-90), TimeSpan.FromMinutes(90)), overview.Voicemail);
        Assert.Equal((1, 1, 1, 1), (overview.ErrorsLastHour, overview.ViolationsLastHour, overview.FailedTransactions, overview.FiringAlerts));
    }
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(14)]
    public async Task The_overview_page_in_one_read_answers_as_its_three_queries_do(int zoneHours)
    {
        var zone = zoneHours == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone($"test{zoneHours}", TimeSpan.FromHours(zoneHours), "t", "t");
        var stood = CallBuilder.At(Now.AddHours(-2)).Consent(ConsentState.Granted).Voicemail().Build();
        var withdrew = CallBuilder.At(Now.AddHours(-14)).Consent(ConsentState.Withdrawn).Voicemail().Build();
        var changedMind = CallBuilder.At(Now.AddHours(-20)).Language("fr").Consent(ConsentState.Granted).Transfer(5).Answered(8, 90).Build();
        var recordedUnknown = CallBuilder.At(Now.AddHours(-23.5)).Transfer(3).Answered(20, 30).Build();
        var tooOld = CallBuilder.At(Now.AddHours(-24.5)).Consent(ConsentState.Withdrawn).Voicemail().Build();
        var blocked = CallBuilder.At(Now.AddHours(-1)).Blocked().Build();
        await MetricsSeed.AddAsync(
            database,
            stood, withdrew, changedMind, recordedUnknown, tooOld, blocked,
            CallBuilder.At(Now.AddMinutes(-1)).Build(),
            CallBuilder.At(Now.AddMinutes(-30)).Transfer(2).Ended(1).Build(),
            CallBuilder.At(Now.AddHours(-6)).Ended(3).Build(),
            CallBuilder.At(Now.AddHours(-12.5)).Transfer(40).Ended(30).Build(),
            MetricsSeed.Consent(stood.CallSid, ConsentDecision.Granted, stood.CreatedAt.AddSeconds(10)),
            MetricsSeed.Consent(withdrew.CallSid, ConsentDecision.Granted, withdrew.CreatedAt.AddSeconds(10)),
            MetricsSeed.Consent(withdrew.CallSid, ConsentDecision.Withdrawn, withdrew.CreatedAt.AddSeconds(20)),
            MetricsSeed.Consent(changedMind.CallSid, ConsentDecision.Withdrawn, changedMind.CreatedAt.AddSeconds(10), "fr"),
            MetricsSeed.Consent(changedMind.CallSid, ConsentDecision.Granted, changedMind.CreatedAt.AddSeconds(20), "fr"),
            MetricsSeed.Consent(recordedUnknown.CallSid, ConsentDecision.NotRecorded, recordedUnknown.CreatedAt.AddSeconds(10)),
            MetricsSeed.CallRecording(recordedUnknown.CallSid, recordedUnknown.CreatedAt.AddSeconds(50)),
            MetricsSeed.CallRecording(recordedUnknown.CallSid, recordedUnknown.CreatedAt.AddSeconds(60)),
            MetricsSeed.CallRecording(withdrew.CallSid, withdrew.CreatedAt.AddSeconds(50)),
            MetricsSeed.CallRecording(changedMind.CallSid, changedMind.CreatedAt.AddSeconds(50)),
            MetricsSeed.Consent(tooOld.CallSid, ConsentDecision.Withdrawn, tooOld.CreatedAt.AddSeconds(20)),
            MetricsSeed.Consent(blocked.CallSid, ConsentDecision.Granted, blocked.CreatedAt));

        var page = await queries.GetOverviewPageAsync(zone, cancellationToken: Ct);

        var localNow = TimeZoneInfo.ConvertTime(Now, zone);
        var midnight = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date)).ToUniversalTime();
        Assert.Equal(midnight, page.TodayFrom);
        Assert.Equivalent(await queries.GetOverviewAsync(cancellationToken: Ct), page.Snapshot, strict: true);
        Assert.Equal(await queries.GetCallSuccessAsync(midnight, Now, cancellationToken: Ct), page.Today);
        var consent = await queries.GetConsentAsync(Now.AddHours(-24), Now, zone, Ct);
        Assert.Equal(consent.Totals, page.Consent24Hours);
        Assert.Equal(new ConsentCounts(3, 2, 2, 3), page.Consent24Hours);
        Assert.Equal(consent.ByDayAndLanguage.Sum(b => b.Counts.HeardDisclosure), consent.Totals.HeardDisclosure);
    }
}

public sealed class SqliteConsentAndOverviewTests(SqliteDatabase database) : ConsentAndOverviewTests<SqliteDatabase>(database);

public sealed class PostgresConsentAndOverviewTests(PostgresDatabase database) : ConsentAndOverviewTests<PostgresDatabase>(database);
