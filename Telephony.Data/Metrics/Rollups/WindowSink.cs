namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// One window of a page and what it counts into: classified calls (<see cref="OnCall"/>), rollup rows
/// (<see cref="OnRollup"/>) and, for consent, a <see cref="ConsentTally"/> fed with the offered calls, the ledger and the
/// rollups. <see cref="WindowFold"/> hands each call and each rollup row only to the windows that count it from there.
/// </summary>
internal sealed class WindowSink(MetricsWindow window)
{
    public MetricsWindow Window { get; } = window;

    public Action<CallFacts, CallOutcome>? OnCall { get; init; }

    public Action<CallHourRollup>? OnRollup { get; init; }

    public ConsentTally? Consent { get; init; }
}
