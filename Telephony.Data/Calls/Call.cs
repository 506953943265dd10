using System.Diagnostics.CodeAnalysis;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Consent;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Calls;

/// <summary>One Twilio call leg: an inbound parent call, or a dialled leg (with <see cref="ParentCallSid"/>).</summary>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The domain word; the app is C# only.")]
public class Call : IVersioned
{
    public string CallSid { get; set; } = "";

    public string? ParentCallSid { get; set; }

    public string AccountSid { get; set; } = "";

    /// <summary>Twilio's direction: <c>inbound</c>, <c>outbound-dial</c>, <c>outbound-api</c>.</summary>
    public string Direction { get; set; } = "inbound";

    /// <summary>The caller's number (Twilio <c>From</c>).</summary>
    public string From { get; set; } = "";

    /// <summary>The called number (Twilio <c>To</c>).</summary>
    public string To { get; set; } = "";

    public CallStatus Status { get; set; } = CallStatus.Ringing;

    public CallRoute Route { get; set; } = CallRoute.None;

    /// <summary><c>en</c> or <c>fr</c>.</summary>
    public string Language { get; set; } = "en";

    public ConsentState ConsentState { get; set; } = ConsentState.Unknown;

    public bool RateLimited { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int? DurationSeconds { get; set; }

    /// <summary>The <c>DialCallStatus</c> of the transfer (<c>completed</c> means a person answered).</summary>
    public string? DialCallStatus { get; set; }

    public int? DialCallDuration { get; set; }

    public DateTimeOffset? TransferStartedAt { get; set; }

    public DateTimeOffset? TransferAnsweredAt { get; set; }

    public bool ReachedVoicemail { get; set; }

    /// <summary>The highest status-callback <c>SequenceNumber</c> applied; null until one arrives.</summary>
    public int? LastSequenceNumber { get; set; }

    public Guid Version { get; set; }
}
