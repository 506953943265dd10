namespace Telephony.Data.Metrics;

/// <summary>Folds classified calls, and hourly rollups of other calls, into <see cref="CallSuccessMetrics"/>.</summary>
internal sealed class CallSuccessAccumulator(CallMetricsOptions options)
{
    private readonly CallCounts counts = new();

    public void Add(in CallFacts call, CallOutcome outcome) => counts.Add(call, outcome, options);

    /// <summary>Adds the counts of calls not passed to <see cref="Add(in CallFacts, CallOutcome)"/> (an hour's rollup).</summary>
    public void Add(CallCounts other) => counts.Add(other);

    public CallSuccessMetrics Build(DateTimeOffset from, DateTimeOffset to) => new(
        from,
        to,
        counts.Offered,
        counts.Blocked,
        counts.TransfersAttempted,
        counts.TransfersAnswered,
        counts.AnsweredWithinThreshold,
        counts.Voicemails,
        counts.Abandoned,
        counts.IvrAbandons,
        counts.ShortAbandons,
        counts.InProgress,
        counts.Finished,
        AnswerRate: Ratio(counts.TransfersAnswered, counts.TransfersAttempted),
        ServiceLevel: Ratio(counts.AnsweredWithinThreshold, counts.TransfersAttempted - counts.ShortTransferAbandons),
        AverageSpeedOfAnswerSeconds: Ratio((double)counts.TicksToAnswer / TimeSpan.TicksPerSecond, counts.TimedAnswers),
        AbandonmentRate: Ratio(counts.Abandoned, counts.Offered - counts.ShortAbandons),
        AverageTalkTimeSeconds: Ratio(counts.TalkSeconds, counts.TalkSamples),
        CallSuccessRate: Ratio(counts.FinishedSucceeded, counts.Finished));

    internal static double? Ratio(double numerator, int denominator) => denominator > 0 ? numerator / denominator : null;
}
