using Telephony.Core.Calls;

namespace Telephony.Core.Twilio;

/// <summary>The fields of any Twilio voice webhook we act on; every one is optional.</summary>
public sealed record VoicePayload
{
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public CallStatus? CallStatus { get; init; }
    public string? Direction { get; init; }
    public string? Digits { get; init; }
    public DialCallStatus? DialCallStatus { get; init; }
    public int? DialCallDuration { get; init; }
    public string? DialCallSid { get; init; }
    public int? CallDuration { get; init; }
    public string? RecordingSid { get; init; }
    public string? RecordingUrl { get; init; }
    public string? RecordingStatus { get; init; }
    public int? RecordingDuration { get; init; }
    public string? TranscriptionSid { get; init; }
    public string? TranscriptionText { get; init; }
    public string? TranscriptionStatus { get; init; }
    public int? SequenceNumber { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ParentCallSid { get; init; }
    public int? ErrorCode { get; init; }
    public string? ErrorUrl { get; init; }
    public string? CallbackSource { get; init; }

    /// <summary>Parses a form post; invalid values become null and are named in the result.</summary>
    public static ParsedPayload<VoicePayload> Parse(IEnumerable<KeyValuePair<string, string>>? form)
    {
        var r = new WebhookFormReader(form);
        var payload = new VoicePayload
        {
            CallSid = r.Sid(nameof(CallSid), Validation.SidKind.Call),
            AccountSid = r.Sid(nameof(AccountSid), Validation.SidKind.Account),
            From = r.Phone(nameof(From)),
            To = r.Phone(nameof(To)),
            CallStatus = r.CallStatus(nameof(CallStatus)),
            Direction = r.Token(nameof(Direction), "inbound", "outbound-api", "outbound-dial", "trunking-originating", "trunking-terminating"),
            Digits = r.Digits(nameof(Digits)),
            DialCallStatus = r.DialCallStatus(nameof(DialCallStatus)),
            DialCallDuration = r.NonNegativeInt(nameof(DialCallDuration)),
            DialCallSid = r.Sid(nameof(DialCallSid), Validation.SidKind.Call),
            CallDuration = r.NonNegativeInt(nameof(CallDuration)),
            RecordingSid = r.Sid(nameof(RecordingSid), Validation.SidKind.Recording),
            RecordingUrl = r.Url(nameof(RecordingUrl)),
            RecordingStatus = r.Token(nameof(RecordingStatus), "in-progress", "completed", "absent", "failed"),
            RecordingDuration = r.NonNegativeInt(nameof(RecordingDuration)),
            TranscriptionSid = r.Sid(nameof(TranscriptionSid), Validation.SidKind.Transcription),
            TranscriptionText = r.Text(nameof(TranscriptionText)),
            TranscriptionStatus = r.Token(nameof(TranscriptionStatus), "completed", "failed"),
            SequenceNumber = r.NonNegativeInt(nameof(SequenceNumber)),
            Timestamp = r.Timestamp(nameof(Timestamp)),
            ParentCallSid = r.Sid(nameof(ParentCallSid), Validation.SidKind.Call),
            ErrorCode = r.Int(nameof(ErrorCode)),
            ErrorUrl = r.Url(nameof(ErrorUrl)),
            CallbackSource = r.Token(nameof(CallbackSource)),
        };
        return new ParsedPayload<VoicePayload>(payload, r.Rejected);
    }
}
