namespace Telephony.Data.Metrics;

/// <summary>
/// Call-handling metrics over <c>[From, To)</c> (METRICS.md). Rates are fractions (0..1), averages are seconds;
/// both are null ("—") when their denominator is empty, counts are never null. <see cref="CallSuccessRate"/> is over
/// <see cref="Finished"/> calls only: a call still ringing or talking is in neither its numerator nor its denominator.
/// </summary>
public sealed record CallSuccessMetrics(
    DateTimeOffset From,
    DateTimeOffset To,
    int Offered,
    int Blocked,
    int TransfersAttempted,
    int TransfersAnswered,
    int AnsweredWithinThreshold,
    int Voicemails,
    int Abandoned,
    int IvrAbandons,
    int ShortAbandons,
    int InProgress,
    int Finished,
    double? AnswerRate,
    double? ServiceLevel,
    double? AverageSpeedOfAnswerSeconds,
    double? AbandonmentRate,
    double? AverageTalkTimeSeconds,
    double? CallSuccessRate);
