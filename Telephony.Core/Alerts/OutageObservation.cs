namespace Telephony.Core.Alerts;

/// <summary>A condition seen on this instance right now, with what an operator should read about it.</summary>
public sealed record OutageObservation(string Condition, string Detail);
