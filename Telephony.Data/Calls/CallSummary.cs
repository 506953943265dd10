using Telephony.Core.Calls;
using Telephony.Core.Consent;

namespace Telephony.Data.Calls;

/// <summary>One call leg as the read API lists it (the caller's number unmasked: the API decides who sees it whole).</summary>
public sealed record CallSummary(
    string CallSid, string? ParentCallSid, string Direction, string From, string To, CallStatus Status, CallRoute Route,
    ConsentState ConsentState, string Language, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt,
    int? DurationSeconds, string? DialCallStatus, bool ReachedVoicemail, bool RateLimited);
