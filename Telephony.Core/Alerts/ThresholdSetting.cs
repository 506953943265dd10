using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Telephony.Core.Alerts;

/// <summary>Which screen a setting belongs to.</summary>
public enum ThresholdGroup
{
    /// <summary>A limit of an alert rule (<see cref="AlertThresholds"/>, configuration <c>Alerts:*</c>).</summary>
    Alerts,

    /// <summary>An amber or red limit of a dashboard tile (<see cref="TileThresholds"/>, configuration <c>Console:Tiles:*</c>).</summary>
    Tiles,
}

/// <summary>How a value is shown to people; rates are stored as fractions and shown as percentages.</summary>
public enum ThresholdUnit
{
    Percent,
    Count,
    Minutes,
    Seconds,
    Hours,
}

/// <summary>
/// One threshold an admin may change: its key (the configuration key that gives its default, e.g.
/// <c>Alerts:MaxVoicemailBacklog</c>), its property, its unit and its allowed range (the property's
/// <see cref="RangeAttribute"/>, so configuration and the Settings page check the same limits).
/// </summary>
public sealed class ThresholdSetting
{
    private readonly PropertyInfo property;

    internal ThresholdSetting(ThresholdGroup group, Type owner, string name, ThresholdUnit unit)
    {
        Group = group;
        Name = name;
        Unit = unit;
        property = owner.GetProperty(name) ?? throw new ArgumentException($"{owner.Name} has no property {name}.", nameof(name));
        var range = property.GetCustomAttribute<RangeAttribute>() ?? throw new ArgumentException($"{owner.Name}.{name} has no [Range].", nameof(name));
        Min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        Max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        IsWholeNumber = property.PropertyType == typeof(int);
        Key = (group == ThresholdGroup.Alerts ? "Alerts:" : "Console:Tiles:") + name;
    }

    public ThresholdGroup Group { get; }

    /// <summary>The property name in <see cref="AlertThresholds"/> or <see cref="TileThresholds"/>.</summary>
    public string Name { get; }

    /// <summary>The stored key, which is also the configuration key of the default.</summary>
    public string Key { get; }

    public ThresholdUnit Unit { get; }

    /// <summary>Allowed range, in stored units (fractions for percentages).</summary>
    public double Min { get; }

    public double Max { get; }

    public bool IsWholeNumber { get; }

    /// <summary>Stored units to what people see (a fraction to a percentage), rounded so 0.95 shows as 95.</summary>
    public double ToDisplay(double stored) => Unit == ThresholdUnit.Percent ? Math.Round(stored * 100, 6) : stored;

    public double FromDisplay(double shown) => Unit == ThresholdUnit.Percent ? shown / 100 : shown;

    public double Read(object thresholds) => Convert.ToDouble(property.GetValue(thresholds), CultureInfo.InvariantCulture);

    public void Write(object thresholds, double value) =>
        property.SetValue(thresholds, IsWholeNumber ? (object)(int)Math.Round(value) : value);

    /// <summary>True when <paramref name="value"/> (stored units) lies in the range and, for counts, is whole.</summary>
    public bool Allows(double value) =>
        double.IsFinite(value) && value >= Min && value <= Max && (!IsWholeNumber || value == Math.Floor(value));

    /// <summary>The value as the audit log shows it ("95 %", "10", "30 min").</summary>
    public string Describe(double stored)
    {
        var shown = ToDisplay(stored).ToString("0.######", CultureInfo.InvariantCulture);
        return Unit switch
        {
            ThresholdUnit.Percent => shown + " %",
            ThresholdUnit.Minutes => shown + " min",
            ThresholdUnit.Seconds => shown + " s",
            ThresholdUnit.Hours => shown + " h",
            _ => shown,
        };
    }
}
