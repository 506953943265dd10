using Telephony.Core.Calls;
using Telephony.Core.Twilio;

namespace Telephony.Tests.Core.Twilio;

public class WebhookPayloadTests
{
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";
    private const string ParentSid = "CAfedcba9876543210fedcba9876543210";

    private static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();

    [Fact]
    public void Status_callback_fields_are_typed()
    {
        var parsed = VoicePayload.Parse(Form(
            ("CallSid", CallSid),
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("From", "+14155550123"),
            ("To", "+18005551212"),
            ("CallStatus", "in-progress"),
            ("Direction", "outbound-dial"),
            ("ParentCallSid", ParentSid),
            ("CallDuration", "42"),
            ("SequenceNumber", "3"),
            ("Timestamp", "Mon, 16 Aug 2010 03:45:01 +0000"),
            ("CallbackSource", "call-progress-events")));

        Assert.Empty(parsed.RejectedFields);
        var p = parsed.Payload;
        Assert.Equal(CallSid, p.CallSid);
        Assert.Equal(CallStatus.InProgress, p.CallStatus);
        Assert.Equal("outbound-dial", p.Direction);
        Assert.Equal(ParentSid, p.ParentCallSid);
        Assert.Equal(42, p.CallDuration);
        Assert.Equal(3, p.SequenceNumber);
        Assert.Equal(new DateTimeOffset(2010, 8, 16, 3, 45, 1, TimeSpan.Zero), p.Timestamp);
        Assert.Equal("call-progress-events", p.CallbackSource);
    }

    [Fact]
    public void Dial_and_recording_fields_are_typed()
    {
        var parsed = VoicePayload.Parse(Form(
            ("DialCallStatus", "no-answer"),
            ("DialCallDuration", "0"),
            ("DialCallSid", ParentSid),
            ("RecordingSid", "RE0123456789abcdef0123456789abcdef"),
            ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"),
            ("RecordingStatus", "completed"),
            ("RecordingDuration", "14"),
            ("TranscriptionText", "Please call me back."),
            ("TranscriptionStatus", "completed"),
            ("Digits", "#")));

        Assert.Empty(parsed.RejectedFields);
        Assert.Equal(DialCallStatus.NoAnswer, parsed.Payload.DialCallStatus);
        Assert.Equal(14, parsed.Payload.RecordingDuration);
        Assert.Equal("Please call me back.", parsed.Payload.TranscriptionText);
        Assert.Equal("#", parsed.Payload.Digits);
    }

    [Fact]
    public void Invalid_values_become_null_and_are_named_without_throwing()
    {
        var parsed = VoicePayload.Parse(Form(
            ("CallSid", "RE0123456789abcdef0123456789abcdef"),
            ("From", "anonymous"),
            ("CallStatus", "exploded"),
            ("Digits", "1<script>"),
            ("DialCallStatus", "maybe"),
            ("CallDuration", "-5"),
            ("SequenceNumber", "lots"),
            ("Timestamp", "2010-08-16"),
            ("RecordingUrl", "javascript:alert(1)"),
            ("ErrorCode", "11200")));

        var p = parsed.Payload;
        Assert.Null(p.CallSid);
        Assert.Null(p.From);
        Assert.Null(p.CallStatus);
        Assert.Null(p.Digits);
        Assert.Null(p.DialCallStatus);
        Assert.Null(p.CallDuration);
        Assert.Null(p.SequenceNumber);
        Assert.Null(p.Timestamp);
        Assert.Null(p.RecordingUrl);
        Assert.Equal(11200, p.ErrorCode);
        Assert.Equal(
            ["CallSid", "From", "CallStatus", "Digits", "DialCallStatus", "CallDuration", "RecordingUrl", "SequenceNumber", "Timestamp"],
            parsed.RejectedFields);
    }

    [Fact]
    public void Absent_and_empty_fields_are_null_but_not_rejected()
    {
        var parsed = VoicePayload.Parse(Form(("Digits", string.Empty)));
        Assert.Null(parsed.Payload.Digits);
        Assert.False(parsed.HasRejections);
        Assert.False(VoicePayload.Parse(null).HasRejections);
    }

    [Fact]
    public void Record_action_hangup_digits_are_accepted()
    {
        Assert.Equal("hangup", VoicePayload.Parse(Form(("Digits", "hangup"))).Payload.Digits);
    }

    [Fact]
    public void Sms_payload_is_parsed_and_validated()
    {
        var parsed = SmsPayload.Parse(Form(
            ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
            ("From", "+14155550123"),
            ("To", "not a number"),
            ("Body", " STOP ")));

        Assert.Equal("SM0123456789abcdef0123456789abcdef", parsed.Payload.MessageSid);
        Assert.Equal(" STOP ", parsed.Payload.Body);
        Assert.Null(parsed.Payload.To);
        Assert.Equal(["To"], parsed.RejectedFields);
    }
}
