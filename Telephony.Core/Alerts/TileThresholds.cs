using System.ComponentModel.DataAnnotations;

namespace Telephony.Core.Alerts;

/// <summary>
/// The amber and red limits of the dashboard tiles (Overview and wallboard; configuration section <c>Console:Tiles</c>,
/// edited live on the Settings page). Rates are fractions (0.95 = 95 %). A higher-is-better tile turns amber below its
/// amber limit and red below its red limit; a lower-is-better one amber above and red above. The amber limit is always
/// the less severe one.
/// </summary>
public sealed class TileThresholds : IValidatableObject
{
    /// <summary>Every amber/red pair: the properties' names and which way is better.</summary>
    public static IReadOnlyList<TileLimitPair> Pairs { get; } =
    [
        new(nameof(CallSuccessAmberBelow), nameof(CallSuccessRedBelow), HigherIsBetter: true),
        new(nameof(AnswerRateAmberBelow), nameof(AnswerRateRedBelow), HigherIsBetter: true),
        new(nameof(ServiceLevelAmberBelow), nameof(ServiceLevelRedBelow), HigherIsBetter: true),
        new(nameof(AbandonmentAmberAbove), nameof(AbandonmentRedAbove), HigherIsBetter: false),
        new(nameof(AverageSpeedOfAnswerAmberAboveSeconds), nameof(AverageSpeedOfAnswerRedAboveSeconds), HigherIsBetter: false),
        new(nameof(VoicemailBacklogAmberAbove), nameof(VoicemailBacklogRedAbove), HigherIsBetter: false),
        new(nameof(OldestVoicemailAmberAboveHours), nameof(OldestVoicemailRedAboveHours), HigherIsBetter: false),
        new(nameof(ErrorsPerHourAmberAbove), nameof(ErrorsPerHourRedAbove), HigherIsBetter: false),
        new(nameof(FailedTransactionsAmberAbove), nameof(FailedTransactionsRedAbove), HigherIsBetter: false),
    ];

    [Range(0.0, 1.0)]
    public double CallSuccessAmberBelow { get; set; } = 0.95;

    [Range(0.0, 1.0)]
    public double CallSuccessRedBelow { get; set; } = 0.9;

    [Range(0.0, 1.0)]
    public double AnswerRateAmberBelow { get; set; } = 0.8;

    [Range(0.0, 1.0)]
    public double AnswerRateRedBelow { get; set; } = 0.6;

    [Range(0.0, 1.0)]
    public double ServiceLevelAmberBelow { get; set; } = 0.8;

    [Range(0.0, 1.0)]
    public double ServiceLevelRedBelow { get; set; } = 0.6;

    [Range(0.0, 1.0)]
    public double AbandonmentAmberAbove { get; set; } = 0.05;

    [Range(0.0, 1.0)]
    public double AbandonmentRedAbove { get; set; } = 0.1;

    [Range(0.0, 3600)]
    public double AverageSpeedOfAnswerAmberAboveSeconds { get; set; } = 10;

    [Range(0.0, 3600)]
    public double AverageSpeedOfAnswerRedAboveSeconds { get; set; } = 15;

    [Range(0, 100_000)]
    public int VoicemailBacklogAmberAbove { get; set; } = 5;

    [Range(0, 100_000)]
    public int VoicemailBacklogRedAbove { get; set; } = 10;

    [Range(0.0, 720)]
    public double OldestVoicemailAmberAboveHours { get; set; } = 1;

    [Range(0.0, 720)]
    public double OldestVoicemailRedAboveHours { get; set; } = 4;

    [Range(0, 100_000)]
    public int ErrorsPerHourAmberAbove { get; set; }

    [Range(0, 100_000)]
    public int ErrorsPerHourRedAbove { get; set; } = 5;

    [Range(0, 100_000)]
    public int FailedTransactionsAmberAbove { get; set; }

    [Range(0, 100_000)]
    public int FailedTransactionsRedAbove { get; set; } = 5;

    public TileTone CallSuccess(double? rate) => Higher(rate, CallSuccessAmberBelow, CallSuccessRedBelow);

    public TileTone AnswerRate(double? rate) => Higher(rate, AnswerRateAmberBelow, AnswerRateRedBelow);

    public TileTone ServiceLevel(double? rate) => Higher(rate, ServiceLevelAmberBelow, ServiceLevelRedBelow);

    public TileTone Abandonment(double? rate) => Lower(rate, AbandonmentAmberAbove, AbandonmentRedAbove);

    public TileTone AverageSpeedOfAnswer(double? seconds) => Lower(seconds, AverageSpeedOfAnswerAmberAboveSeconds, AverageSpeedOfAnswerRedAboveSeconds);

    public TileTone VoicemailBacklog(int? waiting) => Lower(waiting, VoicemailBacklogAmberAbove, VoicemailBacklogRedAbove);

    public TileTone OldestVoicemail(TimeSpan? age) => Lower(age?.TotalHours, OldestVoicemailAmberAboveHours, OldestVoicemailRedAboveHours);

    public TileTone ErrorsPerHour(int? errors) => Lower(errors, ErrorsPerHourAmberAbove, ErrorsPerHourRedAbove);

    public TileTone FailedTransactions(int? failed) => Lower(failed, FailedTransactionsAmberAbove, FailedTransactionsRedAbove);

    /// <summary>Higher is better: red below <paramref name="redBelow"/>, amber below <paramref name="amberBelow"/>, else green; neutral without a value.</summary>
    public static TileTone Higher(double? value, double amberBelow, double redBelow) => value switch
    {
        null => TileTone.Neutral,
        var v when v < redBelow => TileTone.Bad,
        var v when v < amberBelow => TileTone.Warning,
        _ => TileTone.Good,
    };

    /// <summary>Lower is better: red above <paramref name="redAbove"/>, amber above <paramref name="amberAbove"/>, else green; neutral without a value.</summary>
    public static TileTone Lower(double? value, double amberAbove, double redAbove) => value switch
    {
        null => TileTone.Neutral,
        var v when v > redAbove => TileTone.Bad,
        var v when v > amberAbove => TileTone.Warning,
        _ => TileTone.Good,
    };

    public TileThresholds Copy() => (TileThresholds)MemberwiseClone();

    /// <summary>Each amber limit must be less severe than its red one (higher-is-better: above it; lower-is-better: below it).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var values = ThresholdCatalogue.Tiles.ToDictionary(d => d.Name, d => d.Read(this));
        foreach (var pair in Pairs)
        {
            if (!pair.AmberIsLessSevere(values[pair.Amber], values[pair.Red]))
            {
                yield return new ValidationResult(
                    $"Console:Tiles:{pair.Amber} must be {(pair.HigherIsBetter ? "above" : "below")} Console:Tiles:{pair.Red}.", [pair.Amber, pair.Red]);
            }
        }
    }
}

/// <summary>An amber and a red limit of one tile (property names of <see cref="TileThresholds"/>).</summary>
public sealed record TileLimitPair(string Amber, string Red, bool HigherIsBetter)
{
    public bool AmberIsLessSevere(double amber, double red) => HigherIsBetter ? amber > red : amber < red;
}
