namespace Telephony.Data.Calls;

/// <summary>One call, what happened to it in order, and its dialled legs.</summary>
public sealed record CallTimeline(CallSummary Call, IReadOnlyList<CallTimelineEvent> Events, IReadOnlyList<string> Legs);

/// <summary>One entry of a call's timeline.</summary>
public sealed record CallTimelineEvent(string Kind, string Detail, DateTimeOffset OccurredAt);
