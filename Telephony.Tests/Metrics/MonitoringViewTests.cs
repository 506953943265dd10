using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Errors;
using Telephony.Data.Metrics;
using Telephony.Data.Provisioning;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>The "now" views: active calls, errors, violations, failed transactions, numbers, voicemail backlog.</summary>
public abstract class MonitoringViewTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 30, 30, TimeSpan.Zero);

    private readonly TDatabase database;
    private readonly MonitoringQueries queries;

    protected MonitoringViewTests(TDatabase database)
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
    public async Task Active_calls_are_ringing_or_in_progress_parent_calls_and_those_silent_for_4_hours_are_stale()
    {
        var ringing = CallBuilder.At(Now.AddMinutes(-2)).From("+15550000001").Language("fr").Consent(ConsentState.Granted).Build();
        var talking = CallBuilder.At(Now.AddMinutes(-10)).Transfer(20, CallRoute.Support).Build();
        var silent = CallBuilder.At(Now.AddHours(-6)).InProgress(updatedAt: Now.AddHours(-4).AddSeconds(-1)).Build();
        var justInTime = CallBuilder.At(Now.AddHours(-5)).InProgress(updatedAt: Now.AddHours(-4)).Build();
        var ended = CallBuilder.At(Now.AddMinutes(-3)).Ended(30).Build();
        var queued = CallBuilder.At(Now.AddMinutes(-1)).Status(CallStatus.Queued, Now).Build();
        var leg = CallBuilder.LegOf(talking);
        leg.Status = CallStatus.InProgress;
        await MetricsSeed.AddAsync(database, ringing, talking, silent, justInTime, ended, queued, leg);

        var result = await queries.GetActiveCallsAsync(Ct);

        Assert.Equal([justInTime.CallSid, talking.CallSid, ringing.CallSid], result.Active.Select(c => c.CallSid));
        Assert.Equal([silent.CallSid], result.Stale.Select(c => c.CallSid));
        var ringingRow = result.Active[^1];
        Assert.Equal(("+15550000001", "fr", ConsentState.Granted, CallStatus.Ringing, Now.AddMinutes(-2)),
            (ringingRow.From, ringingRow.Language, ringingRow.Consent, ringingRow.Status, ringingRow.StartedAt));
        Assert.Equal(CallRoute.Support, result.Active[1].Route);
    }

    [Fact]
    public async Task Webhook_errors_of_the_last_hour_are_counted_per_clock_minute_with_the_latest_rows_first()
    {
        await MetricsSeed.AddAsync(
            database,
            MetricsSeed.Error(new DateTimeOffset(2025, 6, 1, 12, 30, 10, TimeSpan.Zero)),
            MetricsSeed.Error(new DateTimeOffset(2025, 6, 1, 12, 30, 20, TimeSpan.Zero), "/twilio/status"),
            MetricsSeed.Error(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)),
            MetricsSeed.Error(new DateTimeOffset(2025, 6, 1, 11, 31, 0, TimeSpan.Zero)),
            MetricsSeed.Error(new DateTimeOffset(2025, 6, 1, 11, 30, 59, TimeSpan.Zero)));

        var result = await queries.GetRecentErrorsAsync(latest: 2, Ct);

        Assert.Equal(4, result.Total);
        Assert.Equal(60, result.PerMinute.Count);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 11, 31, 0, TimeSpan.Zero), result.PerMinute[0].MinuteStart);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 30, 0, TimeSpan.Zero), result.PerMinute[59].MinuteStart);
        Assert.Equal(1, result.PerMinute[0].Count);
        Assert.Equal(1, result.PerMinute[29].Count);
        Assert.Equal(2, result.PerMinute[59].Count);
        Assert.Equal(4, result.PerMinute.Sum(m => m.Count));
        Assert.Equal(["/twilio/status", "/twilio/voice"], result.Latest.Select(e => e.Route));
        Assert.Equal("11200", result.Latest[0].ErrorCode);
    }

    [Theory]
    [InlineData(WebhookErrorKind.HandlerException, 1, 0)] // an exception the TwiML safety net answered
    [InlineData(WebhookErrorKind.DatabaseFailure, 1, 0)]
    [InlineData(WebhookErrorKind.TwilioError, 1, 0)] // a call that reached the Voice Fallback URL
    [InlineData(WebhookErrorKind.Reconciled, 0, 0)] // a note, not an error
    [InlineData(WebhookErrorKind.Quarantined, 0, 0)] // its refusals were counted as database failures
    [InlineData(WebhookErrorKind.SignatureFailure, 0, 1)] // abuse, counted apart
    public async Task Only_failures_count_as_webhook_errors_and_bad_signatures_are_counted_apart(WebhookErrorKind kind, int errors, int signatureFailures)
    {
        await MetricsSeed.AddAsync(database, MetricsSeed.Error(Now.AddSeconds(-10), kind: kind), MetricsSeed.Error(Now.AddMinutes(-1), kind: kind));

        var recent = await queries.GetRecentErrorsAsync(cancellationToken: Ct);
        var overview = await queries.GetOverviewAsync(cancellationToken: Ct);

        Assert.Equal((2 * errors, errors, errors), (recent.Total, recent.PerMinute[59].Count, recent.RecentPeak));
        Assert.Equal((2 * signatureFailures, signatureFailures, signatureFailures), (recent.SignatureFailures, recent.SignatureFailuresPerMinute[59].Count, recent.RecentSignaturePeak));
        Assert.Equal((2 * errors, 2 * signatureFailures), (overview.ErrorsLastHour, overview.SignatureFailuresLastHour));
        Assert.Equal([kind, kind], recent.Latest.Select(e => e.Kind)); // every entry is still listed
    }

    [Fact]
    public async Task A_signature_failure_summary_counts_as_the_requests_it_stands_for_in_its_minute()
    {
        WebhookError Summary(DateTimeOffset at, string source, int count) =>
            new() { Kind = WebhookErrorKind.SignatureFailure, Route = "/twilio/voice/frontdoor", Source = source, Count = count, At = at };
        await MetricsSeed.AddAsync(
            database,
            Summary(Now.AddMinutes(-1), "198.51.100.7", 4000),
            Summary(Now.AddMinutes(-1), "2001:db8:1:2::/64", 20),
            Summary(Now, "198.51.100.7", 35),
            MetricsSeed.Error(Now, kind: WebhookErrorKind.HandlerException));

        var recent = await queries.GetRecentErrorsAsync(cancellationToken: Ct);
        var overview = await queries.GetOverviewAsync(cancellationToken: Ct);

        Assert.Equal((4055, 4020, 35, 4020), (recent.SignatureFailures, recent.SignatureFailuresPerMinute[58].Count, recent.SignatureFailuresPerMinute[59].Count, recent.RecentSignaturePeak));
        Assert.Equal((1, 1), (recent.Total, recent.RecentPeak)); // abuse stays apart from failures
        Assert.Equal((1, 4055), (overview.ErrorsLastHour, overview.SignatureFailuresLastHour));
    }

    [Fact]
    public async Task The_recent_peak_is_the_worse_of_the_current_and_the_last_complete_minute()
    {
        await MetricsSeed.AddAsync(
            database,
            MetricsSeed.Error(Now.AddMinutes(-2), kind: WebhookErrorKind.HandlerException),
            MetricsSeed.Error(Now.AddMinutes(-2), kind: WebhookErrorKind.HandlerException),
            MetricsSeed.Error(Now.AddMinutes(-2), kind: WebhookErrorKind.HandlerException),
            MetricsSeed.Error(Now.AddMinutes(-1), kind: WebhookErrorKind.DatabaseFailure),
            MetricsSeed.Error(Now.AddMinutes(-1), kind: WebhookErrorKind.TwilioError),
            MetricsSeed.Error(Now, kind: WebhookErrorKind.SignatureFailure));

        var recent = await queries.GetRecentErrorsAsync(cancellationToken: Ct);

        Assert.Equal((5, 2, 1), (recent.Total, recent.RecentPeak, recent.RecentSignaturePeak));
    }

    [Fact]
    public async Task An_hour_without_errors_has_sixty_empty_minutes()
    {
        var result = await queries.GetRecentErrorsAsync(cancellationToken: Ct);

        Assert.Equal(0, result.Total);
        Assert.Equal(60, result.PerMinute.Count);
        Assert.All(result.PerMinute, m => Assert.Equal(0, m.Count));
        Assert.Empty(result.Latest);
    }

    [Fact]
    public async Task Rate_limit_violations_of_the_last_hour_are_grouped_by_caller_most_rejected_first()
    {
        await MetricsSeed.AddAsync(
            database,
            MetricsSeed.Violation("+15550000002", Now.AddMinutes(-5)),
            MetricsSeed.Violation("+15550000001", Now.AddMinutes(-30)),
            MetricsSeed.Violation("+15550000001", Now.AddMinutes(-20)),
            MetricsSeed.Violation("+15550000001", Now.AddMinutes(-10)),
            MetricsSeed.Violation("+15550000001", Now.AddMinutes(-61)));

        var result = await queries.GetRateLimitViolationsAsync(Ct);

        Assert.Equal(
            [new CallerViolations("+15550000001", 3, Now.AddMinutes(-10)), new CallerViolations("+15550000002", 1, Now.AddMinutes(-5))],
            result);
    }

    [Fact]
    public async Task Failed_transactions_are_listed_newest_first_with_those_of_the_last_hour_counted()
    {
        var recent = MetricsSeed.Transaction(TransactionStatus.Failed, Now.AddMinutes(-30), "Twilio 21452");
        await MetricsSeed.AddAsync(
            database,
            recent,
            MetricsSeed.Transaction(TransactionStatus.Failed, Now.AddHours(-2)),
            MetricsSeed.Transaction(TransactionStatus.Failed, Now.AddHours(-5)),
            MetricsSeed.Transaction(TransactionStatus.Completed, Now.AddMinutes(-1)),
            MetricsSeed.Transaction(TransactionStatus.Compensated, Now.AddMinutes(-1)));

        var result = await queries.GetFailedTransactionsAsync(latest: 2, Ct);

        Assert.Equal(3, result.Total);
        Assert.Equal(1, result.InLastHour);
        Assert.Equal([Now.AddMinutes(-30), Now.AddHours(-2)], result.Latest.Select(t => t.FailedAt));
        Assert.Equal((recent.Id, "Twilio 21452"), (result.Latest[0].Id, result.Latest[0].Error));
    }

    [Fact]
    public async Task No_failed_transactions_counts_zero()
    {
        var result = await queries.GetFailedTransactionsAsync(cancellationToken: Ct);

        Assert.Equal(new FailedTransactions(0, 0, []), result with { Latest = [] });
        Assert.Empty(result.Latest);
    }

    [Fact]
    public async Task Numbers_are_counted_by_status_and_configuration_status()
    {
        await MetricsSeed.AddAsync(
            database,
            MetricsSeed.Number("active", "configured"),
            MetricsSeed.Number("active", "configured"),
            MetricsSeed.Number("active", "failed"),
            MetricsSeed.Number("released", "configured"));

        var result = await queries.GetNumberStatusAsync(Ct);

        Assert.Equal(
            [new NumberStatusCount("active", "configured", 2), new NumberStatusCount("active", "failed", 1), new NumberStatusCount("released", "configured", 1)],
            result);
    }

    [Fact]
    public async Task The_voicemail_backlog_counts_new_and_claimed_and_ages_the_oldest()
    {
        await MetricsSeed.AddAsync(
            database,
            MetricsSeed.Voicemail("CA1", Now.AddHours(-2)),
            MetricsSeed.Voicemail("CA2", Now.AddMinutes(-5)),
            MetricsSeed.Voicemail("CA3", Now.AddHours(-3), VoicemailState.Claimed),
            MetricsSeed.Voicemail("CA4", Now.AddHours(-9), VoicemailState.CalledBack),
            MetricsSeed.Voicemail("CA5", Now.AddHours(-10), VoicemailState.Archived));

        var result = await queries.GetVoicemailBacklogAsync(Ct);

        Assert.Equal(new VoicemailBacklog(2, 1, Now.AddHours(-3), TimeSpan.FromHours(3)), result);
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public async Task An_empty_voicemail_backlog_has_no_oldest_age()
    {
        await MetricsSeed.AddAsync(database, MetricsSeed.Voicemail("CA4", Now.AddHours(-9), VoicemailState.CalledBack));

        var result = await queries.GetVoicemailBacklogAsync(Ct);

        Assert.Equal(new VoicemailBacklog(0, 0, null, null), result);
    }
}

public sealed class SqliteMonitoringViewTests(SqliteDatabase database) : MonitoringViewTests<SqliteDatabase>(database);

public sealed class PostgresMonitoringViewTests(PostgresDatabase database) : MonitoringViewTests<PostgresDatabase>(database);
