using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.RateLimiting;
using Telephony.Web.Journal;
using Telephony.Web.Telemetry;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>
/// The hotline's voice routes. Each translates the verified form into the pure <see cref="CallFlow"/>, answers with
/// its TwiML, and stores what happened (<see cref="WebhookWork"/>) within the time budget, or journals it for replay;
/// without the database, recording is off.
/// </summary>
internal static partial class VoiceWebhooks
{
    private const string Anonymous = "anonymous";

    public static async Task<ContentHttpResult> FrontDoorAsync(
        HttpContext http, CallFlow flow, RateLimitStore rateLimits, FrontDoorWriter writer, WebhookWork work, WebhookGuard guard,
        IOptions<HotlineOptions> options, TimeProvider time, ILogger<CallFlow> logger)
    {
        var (p, _) = Parse(http, logger);
        var caller = p.From ?? Anonymous;
        var limit = options.Value.RateLimit.CallsPerMinute;
        var admitted = true;
        if (p.CallSid is null)
        {
            await guard.TryAsync("rate-limit", async ct =>
            {
                admitted = (await rateLimits.TryAcquireAsync(caller, limit, time.GetUtcNow(), callSid: null, ct).ConfigureAwait(false)).Admitted;
            }, callSid: null).ConfigureAwait(false);
        }
        else
        {
            // The rate limit, the call and its disclosure in one group commit with the other front doors of the moment.
            // When the database cannot answer in time the caller is admitted, and the webhook is journaled as admitted
            // so that its replay stores the same call.
            await guard.StoreAsync(http, WebhookRoutes.FrontDoor, p.CallSid, async (record, ct) =>
            {
                var outcome = await writer.WriteAsync(new FrontDoorEntry(work.FrontDoorCall(record)!, caller, limit, time.GetUtcNow()), ct).ConfigureAwait(false);
                admitted = outcome.Admitted;
            }, (WebhookWork.RateLimited, "0")).ConfigureAwait(false);
        }

        if (!admitted)
        {
            LogRateLimited(logger, TwilioForm.Mask(caller), p.CallSid);
            WebhookOutcome.MarkRateLimited(http);
            return TwiMLResults.Xml(CallFlow.RateLimited().TwiML);
        }

        return TwiMLResults.Xml(flow.FrontDoor().TwiML);
    }

    public static async Task<ContentHttpResult> MenuAsync(HttpContext http, CallFlow flow, CallWriter writer, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);

        // Recording needs a consent decision that is stored, not only the one carried in the URL: when the database
        // cannot confirm it (down, slow, no call row), the call goes on unrecorded, and a replay must see the same.
        var unconfirmed = ctx with { Consent = ConsentPolicy.Effective(ctx.Consent, ConsentState.Unknown) };
        if (p.CallSid is not { } callSid)
        {
            return TwiMLResults.Xml(flow.Menu(unconfirmed, p.Digits).TwiML);
        }

        // The stored consent, the implied consent of a caller who stayed on, and what the menu decided from them: one
        // unit of call work, written with the other webhooks of the moment.
        FlowResult? decided = null;
        var work = new CallWork(callSid, (rows, now) =>
        {
            var call = rows.Find(callSid);
            var stored = call?.ConsentState ?? ConsentState.Unknown;
            if (call is not null && stored == ConsentState.Unknown && ctx.Consent == ConsentState.Granted)
            {
                ConsentRules.Record(rows, CallEventRecorder.ImpliedConsent(callSid, p.From ?? Anonymous, ConsentPolicy.PromptVersion, ctx.Language), now);
                stored = ConsentState.Granted;
            }

            var result = flow.Menu(ctx with { Consent = ConsentPolicy.Effective(ctx.Consent, stored) }, p.Digits);
            decided = result;
            return CallEventRecorder.Apply(rows, now, callSid, p.From ?? Anonymous, result.Events);
        });
        var written = false;
        await guard.StoreAsync(http, WebhookRoutes.Menu, callSid, async (_, ct) =>
        {
            await writer.WriteAsync(work, ct).ConfigureAwait(false);
            written = true;
        }, ("consent", ConsentQuery(unconfirmed.Consent))).ConfigureAwait(false);
        var answer = written && decided is { } stored ? stored : flow.Menu(unconfirmed, p.Digits);
        return TwiMLResults.Xml(answer.TwiML);
    }

    public static async Task<ContentHttpResult> DialCompleteAsync(HttpContext http, CallFlow flow, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        var result = flow.DialComplete(ctx, p.DialCallStatus);
        WebhookOutcome.MarkCall(http, result);
        await StoreAsync(http, guard, WebhookRoutes.DialComplete, p).ConfigureAwait(false);
        return TwiMLResults.Xml(result.TwiML);
    }

    public static async Task<ContentHttpResult> VoicemailAsync(HttpContext http, CallFlow flow, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        var result = http.Request.Query[WebhookWork.Done] == "1" ? CallFlow.VoicemailDone(ctx) : flow.Voicemail(ctx);
        WebhookOutcome.MarkCall(http, result);
        await StoreAsync(http, guard, WebhookRoutes.Voicemail, p).ConfigureAwait(false);
        return TwiMLResults.Xml(result.TwiML);
    }

    public static async Task<ContentHttpResult> FallbackAsync(HttpContext http, CallFlow flow, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        LogFallback(logger, p.ErrorCode, p.ErrorUrl, p.CallSid);
        await guard.StoreAsync(http, WebhookRoutes.Fallback, p.CallSid).ConfigureAwait(false);

        // The primary handler failed, so nothing about consent can be trusted: no recording beyond the voicemail itself.
        var result = flow.Fallback(ctx with { Consent = ConsentState.Unknown }, p.ErrorCode, p.ErrorUrl);
        WebhookOutcome.MarkCall(http, result);
        return TwiMLResults.Xml(result.TwiML);
    }

    /// <summary>Status callbacks for every leg: idempotent, never moving a call backwards.</summary>
    public static async Task<ContentHttpResult> StatusAsync(HttpContext http, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, _) = Parse(http, logger);
        if (p.CallSid is not null && p.CallStatus is not null)
        {
            await guard.StoreAsync(http, WebhookRoutes.Status, p.CallSid).ConfigureAwait(false);
        }

        return TwiMLResults.Xml(EmptyResponse);
    }

    internal static readonly string EmptyResponse = new global::Twilio.TwiML.VoiceResponse().ToString();

    private static (VoicePayload Payload, CallContext Context) Parse(HttpContext http, ILogger logger)
    {
        var parsed = VoicePayload.Parse(TwilioForm.Of(http));
        TwilioForm.LogRejected(logger, http.Request.Path, parsed.RejectedFields);
        var q = http.Request.Query;
        return (parsed.Payload, CallContext.FromQuery(q["lang"], q["consent"], q["attempt"]));
    }

    private static Task StoreAsync(HttpContext http, WebhookGuard guard, string route, VoicePayload p, params (string, string)[] facts) =>
        p.CallSid is null ? Task.CompletedTask : guard.StoreAsync(http, route, p.CallSid, facts);

    private static string ConsentQuery(ConsentState consent) => ConsentPolicy.ToQuery(consent) ?? "";


    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited caller {Caller} on call {CallSid}")]
    private static partial void LogRateLimited(ILogger logger, string caller, string? callSid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio used the fallback URL: error {ErrorCode} at {ErrorUrl} on call {CallSid}")]
    private static partial void LogFallback(ILogger logger, int? errorCode, string? errorUrl, string? callSid);
}
