namespace Telephony.Core.Alerts;

/// <summary>
/// The thresholds admins may change on the Settings page, and how stored values combine with the configured defaults.
/// <c>Alerts:NotReadyMinutes</c> and the evaluation interval are not here: the outage path that uses them works without
/// the database, so they stay configuration.
/// </summary>
public static class ThresholdCatalogue
{
    public static IReadOnlyList<ThresholdSetting> Alerts { get; } =
    [
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MinCallSuccessRate), ThresholdUnit.Percent),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.CallWindowMinutes), ThresholdUnit.Minutes),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MinCallsForSuccessRate), ThresholdUnit.Count),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MaxWebhookErrorsPerMinute), ThresholdUnit.Count),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.DatabaseFailureWindowMinutes), ThresholdUnit.Minutes),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MaxVoicemailBacklog), ThresholdUnit.Count),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MaxRateLimitViolationsPerHour), ThresholdUnit.Count),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MaxSignatureFailuresPerMinute), ThresholdUnit.Count),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MaxFailedTransactionsPerHour), ThresholdUnit.Count),
        new(ThresholdGroup.Alerts, typeof(AlertThresholds), nameof(AlertThresholds.MaxAverageCallDurationMinutes), ThresholdUnit.Minutes),
    ];

    public static IReadOnlyList<ThresholdSetting> Tiles { get; } =
    [
        Tile(nameof(TileThresholds.CallSuccessAmberBelow), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.CallSuccessRedBelow), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.AnswerRateAmberBelow), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.AnswerRateRedBelow), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.ServiceLevelAmberBelow), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.ServiceLevelRedBelow), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.AbandonmentAmberAbove), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.AbandonmentRedAbove), ThresholdUnit.Percent),
        Tile(nameof(TileThresholds.AverageSpeedOfAnswerAmberAboveSeconds), ThresholdUnit.Seconds),
        Tile(nameof(TileThresholds.AverageSpeedOfAnswerRedAboveSeconds), ThresholdUnit.Seconds),
        Tile(nameof(TileThresholds.VoicemailBacklogAmberAbove), ThresholdUnit.Count),
        Tile(nameof(TileThresholds.VoicemailBacklogRedAbove), ThresholdUnit.Count),
        Tile(nameof(TileThresholds.OldestVoicemailAmberAboveHours), ThresholdUnit.Hours),
        Tile(nameof(TileThresholds.OldestVoicemailRedAboveHours), ThresholdUnit.Hours),
        Tile(nameof(TileThresholds.ErrorsPerHourAmberAbove), ThresholdUnit.Count),
        Tile(nameof(TileThresholds.ErrorsPerHourRedAbove), ThresholdUnit.Count),
        Tile(nameof(TileThresholds.FailedTransactionsAmberAbove), ThresholdUnit.Count),
        Tile(nameof(TileThresholds.FailedTransactionsRedAbove), ThresholdUnit.Count),
    ];

    public static IReadOnlyList<ThresholdSetting> All { get; } = [.. Alerts, .. Tiles];

    public static ThresholdSetting? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>
    /// The thresholds in force: copies of the configured defaults with each stored value laid over (a stored value outside
    /// its range, or under an unknown key, is ignored).
    /// </summary>
    public static (AlertThresholds Alerts, TileThresholds Tiles) Apply(
        AlertThresholds alertDefaults, TileThresholds tileDefaults, IReadOnlyDictionary<string, double> stored)
    {
        ArgumentNullException.ThrowIfNull(alertDefaults);
        ArgumentNullException.ThrowIfNull(tileDefaults);
        ArgumentNullException.ThrowIfNull(stored);
        var alerts = alertDefaults.CopyThresholds();
        var tiles = tileDefaults.Copy();
        foreach (var (key, value) in stored)
        {
            if (Find(key) is { } setting && setting.Allows(value))
            {
                setting.Write(setting.Group == ThresholdGroup.Alerts ? alerts : tiles, value);
            }
        }

        return (alerts, tiles);
    }

    /// <summary>Every value of every setting, keyed by <see cref="ThresholdSetting.Key"/> (stored units).</summary>
    public static Dictionary<string, double> ValuesOf(AlertThresholds alerts, TileThresholds tiles) =>
        All.ToDictionary(s => s.Key, s => s.Read(s.Group == ThresholdGroup.Alerts ? alerts : tiles));

    /// <summary>
    /// What is wrong with a complete set of values (stored units): each value outside its range or not whole, and each
    /// amber limit not less severe than its red one (reported on both fields). Empty when the set may be saved.
    /// </summary>
    public static IReadOnlyList<ThresholdProblem> Validate(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<ThresholdProblem>();
        foreach (var setting in All)
        {
            if (!values.TryGetValue(setting.Key, out var value))
            {
                problems.Add(new ThresholdProblem(setting.Key, ThresholdProblemKind.Missing));
            }
            else if (!setting.Allows(value))
            {
                problems.Add(new ThresholdProblem(setting.Key, double.IsFinite(value) && value >= setting.Min && value <= setting.Max
                    ? ThresholdProblemKind.NotWholeNumber
                    : ThresholdProblemKind.OutOfRange));
            }
        }

        foreach (var pair in TileThresholds.Pairs)
        {
            var amber = Tile(pair.Amber);
            var red = Tile(pair.Red);
            if (problems.Any(p => p.Key == amber.Key || p.Key == red.Key))
            {
                continue; // one message per field: the range first
            }

            if (!pair.AmberIsLessSevere(values[amber.Key], values[red.Key]))
            {
                var kind = pair.HigherIsBetter ? ThresholdProblemKind.AmberMustBeAboveRed : ThresholdProblemKind.AmberMustBeBelowRed;
                problems.Add(new ThresholdProblem(amber.Key, kind, red.Key));
                problems.Add(new ThresholdProblem(red.Key, kind, amber.Key));
            }
        }

        return problems;
    }

    private static ThresholdSetting Tile(string name, ThresholdUnit unit) => new(ThresholdGroup.Tiles, typeof(TileThresholds), name, unit);

    private static ThresholdSetting Tile(string name) => Tiles.First(t => t.Name == name);
}

public enum ThresholdProblemKind
{
    Missing,
    OutOfRange,
    NotWholeNumber,

    /// <summary>Higher is better: the amber limit must be above the red one.</summary>
    AmberMustBeAboveRed,

    /// <summary>Lower is better: the amber limit must be below the red one.</summary>
    AmberMustBeBelowRed,
}

/// <summary>One field's problem; <see cref="OtherKey"/> is the other limit of an amber/red pair.</summary>
public sealed record ThresholdProblem(string Key, ThresholdProblemKind Kind, string? OtherKey = null);
