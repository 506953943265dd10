using Microsoft.Extensions.Time.Testing;
using Telephony.Data.Metrics;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>Call success metrics over a window and the hourly volume chart (METRICS.md definitions).</summary>
public abstract class CallMetricsTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TDatabase database;
    private readonly MonitoringQueries queries;

    protected CallMetricsTests(TDatabase database)
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
    public async Task Success_metrics_follow_the_definitions_for_every_kind_of_call()
    {
        var at = From.AddMinutes(10);
        var answeredFast = CallBuilder.At(at).Transfer(30).Answered(ringSeconds: 8, talkSeconds: 120).Build();
        await MetricsSeed.AddAsync(
            database,
            answeredFast,
            CallBuilder.LegOf(answeredFast),
            CallBuilder.At(at).Transfer(30).Answered(ringSeconds: 20, talkSeconds: 60).Build(),
            CallBuilder.At(at).Transfer(30).DialResult("no-answer").Voicemail(90).Build(),
            CallBuilder.At(at).Transfer(30).Ended(40).Build(), // hung up 10 s into the ring: abandoned
            CallBuilder.At(at).Transfer(30).Ended(32).Build(), // hung up 2 s into the ring: short abandon
            CallBuilder.At(at).Ended(20).Build(), // hung up in the consent prompt: IVR abandon
            CallBuilder.At(at).Ended(3).Build(), // gone in 3 s: short abandon
            CallBuilder.At(at).Voicemail(60).Build(), // chose voicemail in the menu
            CallBuilder.At(To.AddSeconds(-1)).Transfer(30).Build(), // still ringing the agent
            CallBuilder.At(at).Blocked().Build(),
            CallBuilder.At(From.AddSeconds(-1)).Transfer(30).Answered(5, 100).Build(), // before the window
            CallBuilder.At(To).Transfer(30).Answered(5, 100).Build()); // after the window (exclusive end)

        var result = await queries.GetCallSuccessAsync(From, To, cancellationToken: Ct);

        Assert.Equal(
            new CallSuccessMetrics(
                From,
                To,
                Offered: 9,
                Blocked: 1,
                TransfersAttempted: 6,
                TransfersAnswered: 2,
                AnsweredWithinThreshold: 1,
                Voicemails: 2,
                Abandoned: 1,
                IvrAbandons: 1,
                ShortAbandons: 2,
                InProgress: 1,
                Finished: 8,
                AnswerRate: 2.0 / 6,
                ServiceLevel: 1.0 / 5,
                AverageSpeedOfAnswerSeconds: 14,
                AbandonmentRate: 1.0 / 7,
                AverageTalkTimeSeconds: 90,
                CallSuccessRate: 4.0 / 8), // the ringing call is in neither numerator nor denominator
            result);
    }

    [Fact]
    public async Task The_service_level_threshold_is_configurable_and_inclusive()
    {
        await MetricsSeed.AddAsync(
            database,
            CallBuilder.At(From).Transfer(30).Answered(ringSeconds: 15, talkSeconds: 10).Build(),
            CallBuilder.At(From).Transfer(30).Answered(ringSeconds: 19, talkSeconds: 10).Build());

        var standard = await queries.GetCallSuccessAsync(From, To, cancellationToken: Ct);
        var relaxed = await queries.GetCallSuccessAsync(From, To, CallMetricsOptions.Default with { ServiceLevelThreshold = TimeSpan.FromSeconds(20) }, Ct);

        Assert.Equal(0.5, standard.ServiceLevel);
        Assert.Equal(1.0, relaxed.ServiceLevel);
        Assert.Equal(1.0, standard.AnswerRate);
    }

    [Fact]
    public async Task An_empty_window_counts_zero_and_shows_no_rate_or_average()
    {
        await MetricsSeed.AddAsync(database, CallBuilder.At(From).Blocked().Build());

        var result = await queries.GetCallSuccessAsync(From, To, cancellationToken: Ct);

        Assert.Equal((0, 1, 0, 0), (result.Offered, result.Blocked, result.TransfersAttempted, result.TransfersAnswered));
        Assert.Null(result.AnswerRate);
        Assert.Null(result.ServiceLevel);
        Assert.Null(result.AverageSpeedOfAnswerSeconds);
        Assert.Null(result.AbandonmentRate);
        Assert.Null(result.AverageTalkTimeSeconds);
        Assert.Null(result.CallSuccessRate);
    }

    [Fact]
    public async Task A_ringing_call_leaves_the_success_rate_empty_and_no_call_finished()
    {
        await MetricsSeed.AddAsync(database, CallBuilder.At(From.AddMinutes(5)).Build(), CallBuilder.At(From.AddMinutes(6)).Transfer(30).Build());

        var result = await queries.GetCallSuccessAsync(From, To, cancellationToken: Ct);

        Assert.Equal((2, 2, 0), (result.Offered, result.InProgress, result.Finished));
        Assert.Null(result.CallSuccessRate);
    }

    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.0)]
    public async Task One_finished_and_one_ringing_call_give_the_finished_call_s_rate(bool finishedInVoicemail, double rate)
    {
        var finished = finishedInVoicemail ? CallBuilder.At(From).Voicemail() : CallBuilder.At(From).Transfer(30).Ended(45);
        await MetricsSeed.AddAsync(database, finished.Build(), CallBuilder.At(From.AddMinutes(1)).Transfer(30).Build());

        var result = await queries.GetCallSuccessAsync(From, To, cancellationToken: Ct);

        Assert.Equal((2, 1, 1), (result.Offered, result.InProgress, result.Finished));
        Assert.Equal(rate, result.CallSuccessRate);
    }

    [Fact]
    public async Task Calls_that_never_reached_a_transfer_leave_transfer_rates_empty_but_success_rate_defined()
    {
        await MetricsSeed.AddAsync(database, CallBuilder.At(From).Voicemail().Build(), CallBuilder.At(From).Ended(30).Build());

        var result = await queries.GetCallSuccessAsync(From, To, cancellationToken: Ct);

        Assert.Null(result.AnswerRate);
        Assert.Null(result.ServiceLevel);
        Assert.Null(result.AverageSpeedOfAnswerSeconds);
        Assert.Equal(0.0, result.AbandonmentRate);
        Assert.Equal(0.5, result.CallSuccessRate);
        Assert.Equal(1, result.IvrAbandons);
    }

    [Fact]
    public async Task Hourly_volume_covers_the_last_24_clock_hours_with_empty_hours_as_zero()
    {
        var currentHour = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var oldestHour = currentHour.AddHours(-23);
        await MetricsSeed.AddAsync(
            database,
            CallBuilder.At(currentHour.AddMinutes(10)).Transfer(30).Answered(5, 60).Build(),
            CallBuilder.At(currentHour.AddMinutes(12)).Voicemail().Build(),
            CallBuilder.At(currentHour.AddMinutes(15)).Ended(30).Build(),
            CallBuilder.At(currentHour.AddMinutes(16)).Transfer(30).Ended(45).Build(),
            CallBuilder.At(currentHour.AddMinutes(17)).Ended(2).Build(),
            CallBuilder.At(currentHour.AddMinutes(20)).Blocked().Build(),
            CallBuilder.At(oldestHour).Transfer(30).Answered(5, 60).Build(),
            CallBuilder.At(oldestHour.AddSeconds(-1)).Voicemail().Build(),
            CallBuilder.At(currentHour.AddHours(-5).AddMinutes(59)).Voicemail().Build());

        var result = await queries.GetHourlyVolumeAsync(cancellationToken: Ct);

        Assert.Equal(24, result.Count);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => oldestHour.AddHours(i)), result.Select(h => h.HourStart));
        Assert.Equal(new HourVolume(oldestHour, 1, 1, 0, 0, 0), result[0]);
        Assert.Equal(new HourVolume(currentHour.AddHours(-5), 1, 0, 1, 0, 0), result[18]);
        Assert.Equal(new HourVolume(currentHour, 5, 1, 1, 2, 1), result[23]);
        Assert.Equal(21, result.Count(h => h.Offered == 0 && h.Blocked == 0));
    }
}

public sealed class SqliteCallMetricsTests(SqliteDatabase database) : CallMetricsTests<SqliteDatabase>(database);

public sealed class PostgresCallMetricsTests(PostgresDatabase database) : CallMetricsTests<PostgresDatabase>(database);
