using System.Collections.Concurrent;
using Telephony.Core.Consent;
using Telephony.Core.Twilio;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using SayVerb = Twilio.TwiML.Voice.Say;
using TwilioMethod = Twilio.Http.HttpMethod;

namespace Telephony.Core.Calls;

/// <summary>
/// The hotline's IVR as pure functions: each webhook's state in, TwiML and events out. No I/O,
/// so every path is unit-testable and the web layer only translates HTTP.
/// </summary>
public sealed class CallFlow
{
    private readonly CallFlowOptions options;
    private readonly CallFlowUrls urls;

    // Every answer depends only on the options and the step's inputs, and those are few (two languages, four consent
    // states, two attempts, one key): each is built once. Twilio's TwiML writer builds an XML tree and an XmlWriter
    // per response, a third of the front door's allocations under load if done per request.
    private readonly ConcurrentDictionary<(Step Step, CallContext Context, string? Input), FlowResult> answers = new();
    private static readonly ConcurrentDictionary<CallContext, FlowResult> VoicemailDoneAnswers = new();
    private static readonly FlowResult RateLimitedAnswer = new(new VoiceResponse().Reject(Reject.ReasonEnum.Busy).ToString(), [new CallRejected()]);

    private enum Step
    {
        FrontDoor,
        Menu,
        DialComplete,
        Voicemail,
    }

    public CallFlow(CallFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        urls = new CallFlowUrls(options.PublicBaseUrl);
    }

    /// <summary>
    /// Last-resort TwiML for when building any other response failed: an apology in both
    /// languages and a hang-up. Built once, at type load, so serving it cannot fail.
    /// </summary>
    public static string SafeTwiML { get; } = new VoiceResponse()
        .Say(Prompts.Unavailable(CallLanguage.English), Voice(CallLanguage.English), language: Language(CallLanguage.English))
        .Say(Prompts.Unavailable(CallLanguage.French), Voice(CallLanguage.French), language: Language(CallLanguage.French))
        .Hangup()
        .ToString();

    /// <summary>Incoming call: welcome, recording disclosure, then the menu.</summary>
    /// <remarks>
    /// The disclosure is outside the Gather so a key press cannot cut it short: consent means
    /// the caller heard it. Staying on the line afterwards is the (implied) consent, so the
    /// menu URLs carry consent=1 from here on.
    /// </remarks>
    public FlowResult FrontDoor() => answers.GetOrAdd((Step.FrontDoor, CallContext.NewCall, null), static (_, flow) => flow.BuildFrontDoor(), this);

    private FlowResult BuildFrontDoor()
    {
        var ctx = new CallContext(CallLanguage.English, ConsentState.Granted, 1);
        var r = new VoiceResponse();
        Say(r, ctx, Prompts.Welcome(ctx.Language));
        Say(r, ctx, Prompts.Disclosure(ctx.Language));
        AppendMenu(r, ctx);
        return Result(r, new ConsentDisclosed(options.PromptVersion, ctx.Language), new MenuOffered(1));
    }

    /// <summary>The menu's Gather result, or its no-input Redirect (null digits).</summary>
    public FlowResult Menu(CallContext ctx, string? digits)
    {
        ArgumentNullException.ThrowIfNull(ctx);

        // Gather asks for one digit; anything longer is not Twilio's and is not worth a cache entry.
        return digits is null || digits.Length <= 1
            ? answers.GetOrAdd((Step.Menu, ctx, digits), static (key, flow) => flow.BuildMenu(key.Context, key.Input), this)
            : BuildMenu(ctx, digits);
    }

    private FlowResult BuildMenu(CallContext ctx, string? digits)
    {
        return digits switch
        {
            "1" => Transfer(ctx, CallRoute.Sales, options.SalesNumber),
            "2" => Transfer(ctx, CallRoute.Support, options.SupportNumber),
            "9" => ToVoicemail(ctx),
            "*" => RepeatMenu(ctx with { Attempt = 1 }),
            "8" => OptOut(ctx),
            "0" => SwitchToFrench(ctx),
            _ => NoValidInput(ctx, digits),
        };
    }

    /// <summary>The Dial action: a completed transfer ends the call, anything else goes to voicemail.</summary>
    public FlowResult DialComplete(CallContext ctx, DialCallStatus? status)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return answers.GetOrAdd((Step.DialComplete, ctx, status?.ToString()), static (key, arg) => arg.Flow.BuildDialComplete(key.Context, arg.Status), (Flow: this, Status: status));
    }

    private FlowResult BuildDialComplete(CallContext ctx, DialCallStatus? status)
    {
        if (status is DialCallStatus.Completed or DialCallStatus.Answered)
        {
            var r = new VoiceResponse();
            Say(r, ctx, Prompts.Goodbye(ctx.Language));
            r.Hangup();
            return Result(r, new TransferEnded(status), new CallEnded());
        }

        // Unknown status included: voicemail is never a dead end, a hang-up might be.
        var vm = VoicemailResponse(ctx);
        return Result(vm, new TransferEnded(status), new RouteChosen(CallRoute.Voicemail), new VoicemailStarted());
    }

    /// <summary>Voicemail prompt and Record.</summary>
    /// <remarks>
    /// A voicemail is recorded even when the caller opted out of call recording: leaving a
    /// message is itself the caller's choice, and the prompt says it is being recorded.
    /// </remarks>
    public FlowResult Voicemail(CallContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return answers.GetOrAdd((Step.Voicemail, ctx, null), static (key, flow) => Result(flow.VoicemailResponse(key.Context), new VoicemailStarted()), this);
    }

    /// <summary>The Record action (<c>/twilio/voice/voicemail?done=1</c>): thank the caller and hang up.</summary>
    public static FlowResult VoicemailDone(CallContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return VoicemailDoneAnswers.GetOrAdd(ctx, BuildVoicemailDone);
    }

    private static FlowResult BuildVoicemailDone(CallContext ctx)
    {
        var r = new VoiceResponse();
        Say(r, ctx, Prompts.MessageReceived(ctx.Language));
        r.Hangup();
        return Result(r, new VoicemailFinished(), new CallEnded());
    }

    /// <summary>Twilio's Voice Fallback URL: our primary handler failed, apologise and take a message.</summary>
    public FlowResult Fallback(CallContext ctx, int? errorCode, string? errorUrl)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var r = new VoiceResponse();
        Say(r, ctx, Prompts.Apology(ctx.Language));
        AppendVoicemail(r, ctx);
        return Result(r, new FallbackUsed(errorCode, errorUrl), new RouteChosen(CallRoute.Voicemail), new VoicemailStarted());
    }

    /// <summary>The caller exceeded the rate limit: a busy signal costs nothing and reveals nothing.</summary>
    public static FlowResult RateLimited() => RateLimitedAnswer;

    private FlowResult Transfer(CallContext ctx, CallRoute route, string number)
    {
        var record = ConsentPolicy.MayRecord(ctx.Consent);
        var dial = new Dial(
            number: number,
            action: urls.DialComplete(ctx, route),
            method: TwilioMethod.Post,
            timeout: CallFlowOptions.DialTimeoutSeconds,
            // Fail safe: without standing consent the attributes are absent, not "do-not-record".
            record: record ? Dial.RecordEnum.RecordFromAnswerDual : null,
            recordingStatusCallback: record ? urls.RecordingStatus() : null);

        var r = new VoiceResponse();
        Say(r, ctx, Prompts.Connecting(ctx.Language, route));
        r.Append(dial);
        return Result(r, new RouteChosen(route), new TransferStarted(route, number, record, ctx.Consent));
    }

    private FlowResult ToVoicemail(CallContext ctx)
    {
        // A Redirect keeps the voicemail route the single owner of the Record verb.
        var r = new VoiceResponse().Redirect(urls.Voicemail(ctx), TwilioMethod.Post);
        return Result(r, new RouteChosen(CallRoute.Voicemail));
    }

    private FlowResult RepeatMenu(CallContext ctx)
    {
        var r = new VoiceResponse();
        AppendMenu(r, ctx);
        return Result(r, new MenuOffered(ctx.Attempt));
    }

    private FlowResult OptOut(CallContext ctx)
    {
        var next = ctx with { Consent = ConsentState.Withdrawn, Attempt = 1 };
        var r = new VoiceResponse();
        Say(r, next, Prompts.OptedOut(next.Language));
        AppendMenu(r, next);
        return Result(r, new ConsentWithdrawn(options.PromptVersion, next.Language), new MenuOffered(1));
    }

    private FlowResult SwitchToFrench(CallContext ctx)
    {
        var next = ctx with { Language = CallLanguage.French, Attempt = 1 };
        var r = new VoiceResponse();
        var events = new List<CallFlowEvent> { new LanguageChanged(CallLanguage.French) };

        // The caller may not have understood the English disclosure; consent that stands rests on
        // it, so repeat it in French. After an opt-out it would only confuse, so say that instead.
        if (next.Consent == ConsentState.Withdrawn)
        {
            Say(r, next, Prompts.OptedOut(next.Language));
        }
        else
        {
            Say(r, next, Prompts.Disclosure(next.Language));
            events.Add(new ConsentDisclosed(options.PromptVersion, next.Language));
        }

        AppendMenu(r, next);
        events.Add(new MenuOffered(1));
        return new FlowResult(r.ToString(), events);
    }

    private FlowResult NoValidInput(CallContext ctx, string? digits)
    {
        if (ctx.Attempt >= 2)
        {
            return ToVoicemail(ctx);
        }

        var next = ctx with { Attempt = 2 };
        var r = new VoiceResponse();
        Say(r, next, Prompts.NotUnderstood(next.Language));
        AppendMenu(r, next);
        return Result(r, new MenuRetry(2, string.IsNullOrEmpty(digits) ? null : digits));
    }

    private VoiceResponse VoicemailResponse(CallContext ctx)
    {
        var r = new VoiceResponse();
        AppendVoicemail(r, ctx);
        return r;
    }

    private void AppendVoicemail(VoiceResponse r, CallContext ctx)
    {
        Say(r, ctx, Prompts.VoicemailPrompt(ctx.Language));
        r.Record(
            action: urls.VoicemailDone(ctx),
            method: TwilioMethod.Post,
            finishOnKey: "#",
            maxLength: CallFlowOptions.VoicemailMaxSeconds,
            recordingStatusCallback: urls.RecordingStatus(),
            recordingStatusCallbackMethod: TwilioMethod.Post,
            recordingStatusCallbackEvent: [Record.RecordingEventEnum.Completed],
            transcribe: true,
            transcribeCallback: urls.Transcription());

        // Reached only when Twilio skips the action (e.g. nothing was recorded): end politely.
        Say(r, ctx, Prompts.NoMessage(ctx.Language));
        r.Hangup();
    }

    /// <summary>The menu inside a Gather, then a Redirect so silence comes back to the menu route.</summary>
    private void AppendMenu(VoiceResponse r, CallContext ctx)
    {
        var menuUrl = urls.Menu(ctx);
        var gather = new Gather(
            action: menuUrl,
            method: TwilioMethod.Post,
            timeout: CallFlowOptions.MenuTimeoutSeconds,
            numDigits: 1);
        gather.Say(Prompts.Menu(ctx.Language), Voice(ctx.Language), language: Language(ctx.Language));
        r.Append(gather);
        r.Redirect(menuUrl, TwilioMethod.Post);
    }

    private static void Say(VoiceResponse r, CallContext ctx, string text) =>
        r.Say(text, Voice(ctx.Language), language: Language(ctx.Language));

    // Polly voices: Joanna for English, Chantal (a Canadian French voice) for French.
    private static SayVerb.VoiceEnum Voice(CallLanguage l) =>
        l == CallLanguage.French ? SayVerb.VoiceEnum.PollyChantal : SayVerb.VoiceEnum.PollyJoanna;

    private static SayVerb.LanguageEnum Language(CallLanguage l) =>
        l == CallLanguage.French ? SayVerb.LanguageEnum.FrCa : SayVerb.LanguageEnum.EnUs;

    private static FlowResult Result(VoiceResponse r, params CallFlowEvent[] events) => new(r.ToString(), events);
}
