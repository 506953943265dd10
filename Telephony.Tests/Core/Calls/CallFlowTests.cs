using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Core.Twilio;

namespace Telephony.Tests.Core.Calls;

public class CallFlowTests
{
    private const string Base = "https://hotline.example.com";
    private const string Sales = "+14155550101";
    private const string Support = "+14155550102";

    private static readonly CallFlow Flow = new(new CallFlowOptions(Base + "/", Sales, Support));
    private static readonly CallContext Consented = new(CallLanguage.English, ConsentState.Granted, 1);

    [Fact]
    public void Front_door_discloses_recording_then_offers_the_menu_in_a_one_digit_gather()
    {
        var result = Flow.FrontDoor();

        var root = TwiML.Parse(result.TwiML);
        var says = root.Elements("Say").Select(s => s.Value).ToList();
        Assert.Contains(says, s => s.Contains("This call may be recorded for quality and training. Press 8 at any time in the menu to opt out of recording.", StringComparison.Ordinal));

        var gather = TwiML.Single(result.TwiML, "Gather");
        Assert.Equal("1", gather.Attr("numDigits"));
        Assert.Equal("5", gather.Attr("timeout"));
        Assert.Equal("POST", gather.Attr("method"));
        Assert.Equal(Base + "/twilio/voice/menu?lang=en&attempt=1&consent=1", gather.Attr("action"));
        Assert.Contains("press 1", gather.Element("Say")!.Value, StringComparison.Ordinal);

        Assert.Equal(["Say", "Say", "Gather", "Redirect"], TwiML.Verbs(result.TwiML));
        Assert.Contains(result.Events, e => e is ConsentDisclosed { PromptVersion: ConsentPolicy.PromptVersion, Language: CallLanguage.English });
    }

    [Fact]
    public void Each_answer_is_built_once_per_input_and_an_unexpected_key_string_still_gets_its_own_answer()
    {
        var flow = new CallFlow(new CallFlowOptions(Base + "/", Sales, Support));

        Assert.Same(flow.FrontDoor(), flow.FrontDoor());
        Assert.Same(flow.Menu(Consented, "1"), flow.Menu(Consented with { }, "1"));
        Assert.NotSame(flow.Menu(Consented, "1"), flow.Menu(Consented with { Consent = ConsentState.Withdrawn }, "1"));
        Assert.Same(flow.DialComplete(Consented, DialCallStatus.NoAnswer), flow.DialComplete(Consented, DialCallStatus.NoAnswer));
        Assert.NotSame(flow.DialComplete(Consented, DialCallStatus.NoAnswer), flow.DialComplete(Consented, DialCallStatus.Completed));
        Assert.Same(CallFlow.VoicemailDone(Consented), CallFlow.VoicemailDone(Consented));

        // Gather asks for one key; a longer string is answered (and recorded as what was pressed), not cached.
        Assert.Contains(flow.Menu(Consented, "12345").Events, e => e is MenuRetry { Digits: "12345" });
        Assert.Contains(flow.Menu(Consented, "54321").Events, e => e is MenuRetry { Digits: "54321" });
    }

    [Fact]
    public void Silence_at_the_menu_redirects_back_to_the_menu_route_without_digits()
    {
        var redirect = TwiML.Single(Flow.FrontDoor().TwiML, "Redirect");
        Assert.Equal("POST", redirect.Attr("method"));
        Assert.Equal("/twilio/voice/menu", TwiML.Path(redirect.Value));
        Assert.Equal("1", TwiML.Query(redirect.Value)["attempt"]);
    }

    [Fact]
    public void Menu_key_1_dials_sales_with_a_20_second_ring()
    {
        var result = Flow.Menu(Consented, "1");

        var dial = TwiML.Single(result.TwiML, "Dial");
        Assert.Equal(Sales, dial.Value.Trim());
        Assert.Equal("20", dial.Attr("timeout"));
        Assert.Equal("/twilio/voice/dial-complete", TwiML.Path(dial.Attr("action")!));
        Assert.Equal("sales", TwiML.Query(dial.Attr("action")!)["route"]);
        Assert.Contains(new RouteChosen(CallRoute.Sales), result.Events);
    }

    [Fact]
    public void Menu_key_2_dials_support()
    {
        var dial = TwiML.Single(Flow.Menu(Consented, "2").TwiML, "Dial");
        Assert.Equal(Support, dial.Value.Trim());
        Assert.Equal("support", TwiML.Query(dial.Attr("action")!)["route"]);
    }

    [Fact]
    public void Transfer_is_recorded_dual_channel_when_consent_stands()
    {
        var result = Flow.Menu(Consented, "1");
        var dial = TwiML.Single(result.TwiML, "Dial");
        Assert.Equal("record-from-answer-dual", dial.Attr("record"));
        Assert.Equal(Base + "/twilio/voice/recording-status", dial.Attr("recordingStatusCallback"));
        Assert.Contains(result.Events, e => e is TransferStarted { Recorded: true });
    }

    [Theory]
    [InlineData(ConsentState.Withdrawn)]
    [InlineData(ConsentState.Unknown)]
    public void Transfer_is_not_recorded_when_consent_is_withdrawn_or_unknown(ConsentState consent)
    {
        var result = Flow.Menu(Consented with { Consent = consent }, "2");
        var dial = TwiML.Single(result.TwiML, "Dial");
        Assert.Null(dial.Attr("record"));
        Assert.Null(dial.Attr("recordingStatusCallback"));
        Assert.Contains(result.Events, e => e is TransferStarted { Recorded: false });
    }

    [Fact]
    public void Menu_key_9_redirects_to_voicemail()
    {
        var result = Flow.Menu(Consented, "9");
        var redirect = TwiML.Single(result.TwiML, "Redirect");
        Assert.Equal("/twilio/voice/voicemail", TwiML.Path(redirect.Value));
        Assert.Contains(new RouteChosen(CallRoute.Voicemail), result.Events);
    }

    [Fact]
    public void Star_repeats_the_menu_from_the_first_attempt()
    {
        var result = Flow.Menu(Consented with { Attempt = 2 }, "*");
        var gather = TwiML.Single(result.TwiML, "Gather");
        Assert.Equal("1", TwiML.Query(gather.Attr("action")!)["attempt"]);
        Assert.Contains(new MenuOffered(1), result.Events);
    }

    [Fact]
    public void Key_8_confirms_the_opt_out_and_carries_consent_0_into_the_menu()
    {
        var result = Flow.Menu(Consented, "8");

        var root = TwiML.Parse(result.TwiML);
        Assert.Contains("You have opted out of recording", root.Element("Say")!.Value, StringComparison.Ordinal);
        var gather = TwiML.Single(result.TwiML, "Gather");
        Assert.Equal("0", TwiML.Query(gather.Attr("action")!)["consent"]);
        Assert.Equal("0", TwiML.Query(TwiML.Single(result.TwiML, "Redirect").Value)["consent"]);
        Assert.Contains(result.Events, e => e is ConsentWithdrawn { PromptVersion: ConsentPolicy.PromptVersion });
    }

    [Fact]
    public void Key_0_repeats_disclosure_and_menu_in_French()
    {
        var result = Flow.Menu(Consented, "0");

        var root = TwiML.Parse(result.TwiML);
        var says = root.Descendants("Say").ToList();
        Assert.All(says, s => Assert.Equal("fr-CA", s.Attr("language")));
        Assert.Contains(says, s => s.Value.Contains("Cet appel peut être enregistré", StringComparison.Ordinal));
        var gather = TwiML.Single(result.TwiML, "Gather");
        Assert.Equal("fr", TwiML.Query(gather.Attr("action")!)["lang"]);
        Assert.Contains(new LanguageChanged(CallLanguage.French), result.Events);
        Assert.Contains(result.Events, e => e is ConsentDisclosed { Language: CallLanguage.French });
    }

    [Fact]
    public void French_after_opt_out_keeps_consent_withdrawn_and_does_not_replay_the_disclosure()
    {
        var result = Flow.Menu(Consented with { Consent = ConsentState.Withdrawn }, "0");
        Assert.Equal("0", TwiML.Query(TwiML.Single(result.TwiML, "Gather").Attr("action")!)["consent"]);
        Assert.DoesNotContain(result.Events, e => e is ConsentDisclosed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("#")]
    public void First_invalid_or_missing_key_retries_the_menu_once(string? digits)
    {
        var result = Flow.Menu(Consented, digits);
        var root = TwiML.Parse(result.TwiML);
        Assert.Contains("Sorry", root.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.Equal("2", TwiML.Query(TwiML.Single(result.TwiML, "Gather").Attr("action")!)["attempt"]);
        Assert.Contains(result.Events, e => e is MenuRetry { Attempt: 2 });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("7")]
    public void Second_invalid_or_missing_key_goes_to_voicemail(string? digits)
    {
        var result = Flow.Menu(Consented with { Attempt = 2 }, digits);
        Assert.Equal("/twilio/voice/voicemail", TwiML.Path(TwiML.Single(result.TwiML, "Redirect").Value));
    }

    [Theory]
    [InlineData(DialCallStatus.Completed)]
    [InlineData(DialCallStatus.Answered)]
    public void Completed_transfer_says_goodbye_and_hangs_up(DialCallStatus status)
    {
        var result = Flow.DialComplete(Consented, status);
        Assert.Equal(["Say", "Hangup"], TwiML.Verbs(result.TwiML));
        Assert.Contains(new CallEnded(), result.Events);
    }

    [Theory]
    [InlineData(DialCallStatus.Busy)]
    [InlineData(DialCallStatus.NoAnswer)]
    [InlineData(DialCallStatus.Failed)]
    [InlineData(DialCallStatus.Canceled)]
    [InlineData(null)]
    public void Unanswered_transfer_goes_to_voicemail(DialCallStatus? status)
    {
        var result = Flow.DialComplete(Consented, status);
        TwiML.Single(result.TwiML, "Record");
        Assert.Contains(new VoicemailStarted(), result.Events);
    }

    [Fact]
    public void Voicemail_records_up_to_120_seconds_with_transcription_and_callbacks()
    {
        var record = TwiML.Single(Flow.Voicemail(Consented).TwiML, "Record");
        Assert.Equal("120", record.Attr("maxLength"));
        Assert.Equal("#", record.Attr("finishOnKey"));
        Assert.Equal("true", record.Attr("transcribe"));
        Assert.Equal(Base + "/twilio/voice/transcription", record.Attr("transcribeCallback"));
        Assert.Equal(Base + "/twilio/voice/recording-status", record.Attr("recordingStatusCallback"));
        Assert.Equal("completed", record.Attr("recordingStatusCallbackEvent"));
        Assert.Equal("/twilio/voice/voicemail", TwiML.Path(record.Attr("action")!));
        Assert.Equal("1", TwiML.Query(record.Attr("action")!)["done"]);
    }

    [Fact]
    public void Voicemail_ends_politely_if_Twilio_falls_through_the_record()
    {
        Assert.Equal(["Say", "Record", "Say", "Hangup"], TwiML.Verbs(Flow.Voicemail(Consented).TwiML));
    }

    [Fact]
    public void Voicemail_done_thanks_the_caller_and_hangs_up()
    {
        var result = CallFlow.VoicemailDone(Consented with { Language = CallLanguage.French });
        Assert.Equal(["Say", "Hangup"], TwiML.Verbs(result.TwiML));
        Assert.Equal("fr-CA", TwiML.Single(result.TwiML, "Say").Attr("language"));
    }

    [Fact]
    public void Fallback_apologises_and_takes_a_voicemail()
    {
        var result = Flow.Fallback(CallContext.NewCall, 11200, "https://hotline.example.com/twilio/voice/menu");
        Assert.Contains("technical difficulties", TwiML.Parse(result.TwiML).Element("Say")!.Value, StringComparison.Ordinal);
        TwiML.Single(result.TwiML, "Record");
        Assert.Contains(new FallbackUsed(11200, "https://hotline.example.com/twilio/voice/menu"), result.Events);
    }

    [Fact]
    public void Rate_limited_caller_is_rejected_as_busy()
    {
        var result = CallFlow.RateLimited();
        Assert.Equal("busy", TwiML.Single(result.TwiML, "Reject").Attr("reason"));
        Assert.Equal(["Reject"], TwiML.Verbs(result.TwiML));
    }

    [Fact]
    public void Safe_twiml_apologises_in_both_languages_and_hangs_up()
    {
        Assert.Equal(["Say", "Say", "Hangup"], TwiML.Verbs(CallFlow.SafeTwiML));
    }

    [Theory]
    [InlineData("fr", "0", "2", CallLanguage.French, ConsentState.Withdrawn, 2)]
    [InlineData("en", "1", "1", CallLanguage.English, ConsentState.Granted, 1)]
    [InlineData(null, null, null, CallLanguage.English, ConsentState.Unknown, 1)]
    [InlineData("de", "yes", "99", CallLanguage.English, ConsentState.Unknown, 1)]
    public void Context_is_rebuilt_from_the_query_and_falls_back_safely(string? lang, string? consent, string? attempt, CallLanguage language, ConsentState state, int expectedAttempt) =>
        Assert.Equal(new CallContext(language, state, expectedAttempt), CallContext.FromQuery(lang, consent, attempt));
}
