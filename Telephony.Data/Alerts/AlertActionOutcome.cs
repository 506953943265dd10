namespace Telephony.Data.Alerts;

public enum AlertActionOutcome
{
    Done,

    /// <summary>Someone (or the evaluator) changed the alert since it was read.</summary>
    Stale,

    /// <summary>The alert is not in a state where that action applies (e.g. already resolved).</summary>
    NotAllowed,
    NotFound,
}
