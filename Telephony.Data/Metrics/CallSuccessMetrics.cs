namespace Telephony.Data.Metrics;

/// <summary>
/// Call-handling metrics over <c>[From, To)</c> (METRICS.md). Rates are fractions (0..1), averages are seconds;
/// both are null ("—") when their denominator is empty, counts are never null.
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
    double? AnswerRate,
    double? ServiceLevel,
    double? AverageSpeedOfAnswerSeconds,
    double? AbandonmentRate,
    double? AverageTalkTimeSeconds,
    double? CallSuccessRate);
