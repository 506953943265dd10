namespace Telephony.Core.Alerts;

/// <summary>
/// A page to send (<see cref="Firing"/>) or to take back: the condition lasted long enough, or it cleared after a page.
/// </summary>
/// <param name="Condition">One of <see cref="OutageConditions"/>.</param>
/// <param name="Firing">True for a trigger, false for a resolve.</param>
/// <param name="Detail">The latest detail seen for the condition.</param>
/// <param name="Since">When this instance first saw the condition, without a break.</param>
/// <param name="At">When the transition was decided.</param>
public sealed record OutageTransition(string Condition, bool Firing, string Detail, DateTimeOffset Since, DateTimeOffset At);
