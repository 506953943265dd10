using Telephony.Core.Calls;

namespace Telephony.Data.Calls;

/// <summary>One status callback, as Twilio sent it (already parsed).</summary>
/// <param name="CallSid">The leg the callback is about.</param>
/// <param name="Status">Its <c>CallStatus</c>.</param>
/// <param name="SequenceNumber">Twilio's <c>SequenceNumber</c> (orders callbacks of one leg), when present.</param>
/// <param name="Timestamp">Twilio's <c>Timestamp</c>, when present; otherwise the time of arrival is used.</param>
/// <param name="CallDuration">Twilio's <c>CallDuration</c> in seconds (terminal callbacks).</param>
public sealed record CallStatusUpdate(
    string CallSid,
    CallStatus Status,
    int? SequenceNumber = null,
    DateTimeOffset? Timestamp = null,
    int? CallDuration = null)
{
    public string? ParentCallSid { get; init; }

    public string? AccountSid { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Direction { get; init; }
}
