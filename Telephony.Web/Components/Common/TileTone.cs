namespace Telephony.Web.Components.Common;

/// <summary>Green / amber / red colouring of a tile against its thresholds; neutral when there is nothing to judge.</summary>
public enum TileTone
{
    Neutral,
    Good,
    Warning,
    Bad,
}

/// <summary>Threshold helpers: a higher-is-better or lower-is-better value against amber and red limits.</summary>
public static class Tones
{
    public static TileTone HigherIsBetter(double? value, double amberBelow, double redBelow) => value switch
    {
        null => TileTone.Neutral,
        var v when v < redBelow => TileTone.Bad,
        var v when v < amberBelow => TileTone.Warning,
        _ => TileTone.Good,
    };

    public static TileTone LowerIsBetter(double? value, double amberAbove, double redAbove) => value switch
    {
        null => TileTone.Neutral,
        var v when v > redAbove => TileTone.Bad,
        var v when v > amberAbove => TileTone.Warning,
        _ => TileTone.Good,
    };
}
