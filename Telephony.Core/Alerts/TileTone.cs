namespace Telephony.Core.Alerts;

/// <summary>Green / amber / red colouring of a dashboard tile against its thresholds; neutral when there is nothing to judge.</summary>
public enum TileTone
{
    Neutral,
    Good,
    Warning,
    Bad,
}
