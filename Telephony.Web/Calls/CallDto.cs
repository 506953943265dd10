using Telephony.Core.Validation;
using Telephony.Data.Calls;
using Telephony.Web.Api;

namespace Telephony.Web.Calls;

/// <summary>
/// One call leg in the read API. <c>caller</c> (Twilio's <c>From</c>) is whole for admins and masked (<c>+1514***0123</c>) for Support; <c>called</c> is Twilio's <c>To</c>;
/// <c>consent</c> is the recording-consent decision (unknown, granted, withdrawn); <c>parentCallSid</c> is set on dialled legs.
/// </summary>
public sealed record CallDto(
    string Sid, string? ParentCallSid, string Direction, string Caller, string Called, string Status, string Route, string Consent, string Language,
    DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt, int? DurationSeconds, string? DialCallStatus,
    bool ReachedVoicemail, bool RateLimited)
{
    public static CallDto From(CallSummary call, bool revealCaller)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new CallDto(
            call.CallSid, call.ParentCallSid, call.Direction, revealCaller ? call.From : PhoneMask.Mask(call.From), call.To,
            WireNames.Of(call.Status), WireNames.Of(call.Route), WireNames.Of(call.ConsentState), call.Language,
            call.CreatedAt, call.AnsweredAt, call.EndedAt, call.DurationSeconds, call.DialCallStatus, call.ReachedVoicemail, call.RateLimited);
    }
}

/// <summary>One call, its timeline in order, and the sids of the legs it dialled.</summary>
public sealed record CallDetailDto(CallDto Call, IReadOnlyList<CallEventDto> Timeline, IReadOnlyList<string> Legs)
{
    public static CallDetailDto From(CallTimeline found, bool revealCaller)
    {
        ArgumentNullException.ThrowIfNull(found);
        return new CallDetailDto(CallDto.From(found.Call, revealCaller), found.Events.Select(e => new CallEventDto(e.Kind, e.Detail, e.OccurredAt)).ToList(), found.Legs);
    }
}

/// <summary>One entry of a call's timeline.</summary>
public sealed record CallEventDto(string Kind, string Detail, DateTimeOffset At);
