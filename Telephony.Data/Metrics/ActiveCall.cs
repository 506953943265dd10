using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics;

/// <summary>A parent call that is ringing or in progress.</summary>
public sealed record ActiveCall(
    string CallSid,
    string From,
    CallStatus Status,
    CallRoute Route,
    string Language,
    ConsentState Consent,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt);
