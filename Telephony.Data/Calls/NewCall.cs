using Telephony.Core.Calls;

namespace Telephony.Data.Calls;

/// <summary>A call as the front door first sees it.</summary>
public sealed record NewCall(string CallSid, string AccountSid, string From, string To)
{
    public string Direction { get; init; } = "inbound";

    public string? ParentCallSid { get; init; }

    public CallStatus Status { get; init; } = CallStatus.Ringing;

    public string Language { get; init; } = "en";

    public bool RateLimited { get; init; }

    /// <summary>Events the front door decided (e.g. the disclosure heard), stored in the same transaction as the call.</summary>
    public IReadOnlyList<(string Kind, string Detail)> Events { get; init; } = [];

    /// <summary>The same call refused by the rate limit: busy, and it heard no disclosure.</summary>
    public static NewCall Refused(NewCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call with { RateLimited = true, Status = CallStatus.Busy, Events = [] };
    }

    /// <summary>When the front door was reached, if not now (a webhook replayed from the journal).</summary>
    public DateTimeOffset? At { get; init; }
}
