namespace Telephony.Data.Metrics;

/// <summary>
/// Calls in progress now, oldest first. <see cref="Stale"/> holds those with no update for
/// <see cref="ActiveCallsQuery.StaleAfter"/>: most likely a lost final status callback, so not counted as active.
/// </summary>
public sealed record ActiveCalls(IReadOnlyList<ActiveCall> Active, IReadOnlyList<ActiveCall> Stale);
