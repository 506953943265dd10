using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Core.Simulator;
using Telephony.Core.Validation;

namespace Telephony.Tests.Core.Simulator;

public class CallSimulatorTests
{
    private const string Token = "simulator-token";
    private const string Base = "https://hotline.example.com";
    private const string Sales = "+14155550101";
    private const string Support = "+14155550102";
    private const string AudioBase = "http://localhost:5000/sim-audio";

    private readonly CallFlowApp app = new(Token, new CallFlow(new CallFlowOptions(Base, Sales, Support)));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    private static CallerScript Caller(params string?[] keys) => new("+14165550123", "+18005550100") { Keys = keys };

    private Task<SimulatedCall> Play(CallerScript script, ITwilioTransport? transport = null) =>
        new CallSimulator(Token, Base, transport ?? app, new SimulatorOptions { AudioBaseUrl = AudioBase }, time)
            .PlayAsync(script, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Sales_call_answered_is_recorded_and_ends_with_goodbye()
    {
        var call = await Play(Caller("1") with { AgentAnswers = true, RingSeconds = 4, TalkSeconds = 60 });

        Assert.Equal(SimulatedCallOutcome.Completed, call.Outcome);
        Assert.Equal(0, app.ForbiddenCount);
        var dial = Assert.Single(call.VerbsNamed("Dial"));
        Assert.Equal(Sales, dial.Text);
        Assert.Equal("record-from-answer-dual", dial.Attribute("record"));

        var dialComplete = Assert.Single(call.Requests, r => r.Path == "/twilio/voice/dial-complete");
        Assert.Equal("completed", dialComplete.Field("DialCallStatus"));
        Assert.Equal("60", dialComplete.Field("DialCallDuration"));
        Assert.Contains(call.Verbs, v => v.Name == "Hangup");

        var childCallbacks = call.Requests.Where(r => r.Path == "/twilio/voice/status" && r.Field("ParentCallSid") == call.CallSid).ToList();
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], childCallbacks.Select(r => r.Field("CallStatus")));
        Assert.Equal(["0", "1", "2", "3"], childCallbacks.Select(r => r.Field("SequenceNumber")));

        var recording = Assert.Single(call.Requests, r => r.Path == "/twilio/voice/recording-status");
        Assert.Equal("DialVerb", recording.Field("RecordingSource"));
    }

    [Fact]
    public async Task Support_call_unanswered_goes_to_voicemail_with_recording_and_transcript()
    {
        var call = await Play(Caller("2") with { AgentAnswers = false, VoicemailSeconds = 20, VoicemailTranscript = "Call me back please." });

        Assert.Equal(Support, Assert.Single(call.VerbsNamed("Dial")).Text);
        Assert.Equal("no-answer", Assert.Single(call.Requests, r => r.Path == "/twilio/voice/dial-complete").Field("DialCallStatus"));
        Assert.Single(call.VerbsNamed("Record"));

        var done = Assert.Single(call.Requests, r => r.Path == "/twilio/voice/voicemail" && r.Url.Contains("done=1", StringComparison.Ordinal));
        var recordingSid = done.Field("RecordingSid")!;
        Assert.True(TwilioSid.IsValid(recordingSid, SidKind.Recording));
        Assert.Equal($"{AudioBase}/Recordings/{recordingSid}", done.Field("RecordingUrl"));
        Assert.Equal("20", done.Field("RecordingDuration"));

        var status = Assert.Single(call.Requests, r => r.Path == "/twilio/voice/recording-status");
        Assert.Equal("completed", status.Field("RecordingStatus"));
        Assert.Equal(recordingSid, status.Field("RecordingSid"));
        var transcription = Assert.Single(call.Requests, r => r.Path == "/twilio/voice/transcription");
        Assert.Equal("Call me back please.", transcription.Field("TranscriptionText"));
        Assert.Contains(new VoicemailFinished(), app.Events);
    }

    [Fact]
    public async Task Key_9_goes_straight_to_voicemail()
    {
        var call = await Play(Caller("9"));

        Assert.Empty(call.VerbsNamed("Dial"));
        Assert.Equal(
            ["/twilio/voice/frontdoor", "/twilio/voice/menu", "/twilio/voice/voicemail", "/twilio/voice/voicemail"],
            call.Requests.Where(r => !r.IsCallback).Select(r => r.Path));
        Assert.Contains(call.Requests, r => r.Path == "/twilio/voice/transcription");
    }

    [Fact]
    public async Task Opting_out_with_8_then_choosing_sales_transfers_without_recording()
    {
        var call = await Play(Caller("8", "1") with { AgentAnswers = true });

        var dial = Assert.Single(call.VerbsNamed("Dial"));
        Assert.Null(dial.Attribute("record"));
        Assert.Null(dial.Attribute("recordingStatusCallback"));
        Assert.DoesNotContain(call.Requests, r => r.Path == "/twilio/voice/recording-status");
        Assert.Contains(app.Events, e => e is ConsentWithdrawn);
    }

    [Fact]
    public async Task French_with_0_then_sales_speaks_French_throughout()
    {
        var call = await Play(Caller("0", "1") with { AgentAnswers = true });

        Assert.Equal(Sales, Assert.Single(call.VerbsNamed("Dial")).Text);
        var afterSwitch = call.Requests.SkipWhile(r => r.Field("Digits") != "0").Where(r => !r.IsCallback).ToList();
        Assert.All(afterSwitch.SelectMany(r => r.Verbs).Where(v => v.Name == "Say"), v => Assert.Equal("fr-CA", v.Attribute("language")));
        Assert.Contains("lang=fr", Assert.Single(call.Requests, r => r.Path == "/twilio/voice/dial-complete").Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_invalid_keys_end_in_voicemail()
    {
        var call = await Play(Caller("5", "6"));

        Assert.Empty(call.VerbsNamed("Dial"));
        Assert.Single(call.VerbsNamed("Record"));
        Assert.Contains(app.Events, e => e is MenuRetry { Attempt: 2, Digits: "5" });
    }

    [Fact]
    public async Task Silence_twice_ends_in_voicemail_through_the_no_input_redirects()
    {
        var call = await Play(Caller());

        Assert.Equal(2, call.Requests.Count(r => r.Path == "/twilio/voice/menu" && r.Field("Digits") is null));
        Assert.Single(call.VerbsNamed("Record"));
    }

    [Fact]
    public async Task Star_repeats_the_menu_then_support_can_be_chosen()
    {
        var call = await Play(Caller("*", "2") with { AgentAnswers = true });

        // Front door menu, then the repeat.
        Assert.Equal(2, call.VerbsNamed("Gather").Count());
        Assert.Equal(Support, Assert.Single(call.VerbsNamed("Dial")).Text);
        Assert.DoesNotContain(app.Events, e => e is MenuRetry);
    }

    [Fact]
    public async Task Caller_who_hangs_up_at_the_beep_leaves_no_recording()
    {
        var call = await Play(Caller("9") with { LeavesVoicemail = false });

        Assert.Equal(SimulatedCallOutcome.CallerHungUp, call.Outcome);
        Assert.DoesNotContain(call.Requests, r => r.Path == "/twilio/voice/recording-status");
    }

    [Fact]
    public async Task Call_ends_with_a_completed_status_callback_carrying_duration_and_timestamp()
    {
        var call = await Play(Caller("1") with { AgentAnswers = true });

        var last = call.Requests[^1];
        Assert.Equal("/twilio/voice/status", last.Path);
        Assert.Equal(call.CallSid, last.Field("CallSid"));
        Assert.Null(last.Field("ParentCallSid"));
        Assert.Equal("completed", last.Field("CallStatus"));
        Assert.Equal(call.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), last.Field("CallDuration"));
        Assert.True(call.DurationSeconds > 0);
        Assert.Equal("0", last.Field("SequenceNumber"));
        Assert.True(Rfc1123Timestamp.TryParse(last.Field("Timestamp"), out var ts));
        Assert.Equal(time.GetUtcNow().AddSeconds(call.DurationSeconds), ts);
        Assert.True(TwilioSid.IsValid(call.CallSid, SidKind.Call));
    }

    [Fact]
    public async Task Rejected_call_stops_and_reports_busy()
    {
        var app = new CallFlowApp(Token, new CallFlow(new CallFlowOptions(Base, Sales, Support)))
        {
            Override = url => url.EndsWith("/frontdoor", StringComparison.Ordinal) ? new TwilioHttpResponse(200, CallFlow.RateLimited().TwiML) : null,
        };
        var call = await Play(Caller("1"), app);

        Assert.Equal(SimulatedCallOutcome.Rejected, call.Outcome);
        Assert.Equal("busy", call.Requests[^1].Field("CallStatus"));
    }

    [Fact]
    public async Task Endless_redirects_are_stopped_by_the_step_guard()
    {
        const string loop = "<Response><Redirect method=\"POST\">https://hotline.example.com/twilio/voice/menu</Redirect></Response>";
        var app = new CallFlowApp(Token, new CallFlow(new CallFlowOptions(Base, Sales, Support)))
        {
            Override = _ => new TwilioHttpResponse(200, loop),
        };
        var call = await Play(Caller(), app);

        Assert.Equal(SimulatedCallOutcome.StepLimitReached, call.Outcome);
        Assert.Equal(30, call.Requests.Count(r => !r.IsCallback));
    }

    [Fact]
    public async Task Error_status_from_the_app_ends_the_call_as_an_application_error()
    {
        var app = new CallFlowApp(Token, new CallFlow(new CallFlowOptions(Base, Sales, Support)))
        {
            Override = url => url.Contains("/menu", StringComparison.Ordinal) ? new TwilioHttpResponse(500, "boom") : null,
        };
        var call = await Play(Caller("1"), app);

        Assert.Equal(SimulatedCallOutcome.ApplicationError, call.Outcome);
    }

    [Fact]
    public async Task Requests_signed_with_another_token_are_refused_by_the_app()
    {
        var call = await new CallSimulator("wrong-token", Base, app).PlayAsync(Caller("1"), TestContext.Current.CancellationToken);

        Assert.Equal(SimulatedCallOutcome.ApplicationError, call.Outcome);
        Assert.Equal(403, call.Requests[0].StatusCode);
    }
}
