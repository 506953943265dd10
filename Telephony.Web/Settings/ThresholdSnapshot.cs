using Telephony.Core.Alerts;

namespace Telephony.Web.Settings;

/// <summary>The thresholds in force at one moment: configured defaults with the stored values laid over. Read-only by convention.</summary>
public sealed record ThresholdSnapshot(AlertThresholds Alerts, TileThresholds Tiles, IReadOnlyDictionary<string, double> Stored)
{
    /// <summary>Every setting's value in force, keyed by <see cref="ThresholdSetting.Key"/> (stored units).</summary>
    public IReadOnlyDictionary<string, double> Values { get; } = ThresholdCatalogue.ValuesOf(Alerts, Tiles);
}
