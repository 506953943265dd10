using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.RateLimiting;
using Telephony.Web.Twilio;
using CoreConsent = Telephony.Core.Consent.ConsentState;
using DataConsent = Telephony.Data.Consent.ConsentState;
using DataStatus = Telephony.Data.Calls.CallStatus;

namespace Telephony.Web.Calls;

/// <summary>
/// The hotline's voice routes. Each translates the verified form into the pure <see cref="CallFlow"/>, answers with
/// its TwiML, and stores what happened within the time budget; without the database, recording is off.
/// </summary>
internal static partial class VoiceWebhooks
{
    private const string Anonymous = "anonymous";

    public static async Task<ContentHttpResult> FrontDoorAsync(
        HttpContext http, CallFlow flow, RateLimitStore rateLimits, CallStore calls,
        WebhookGuard guard, IOptions<HotlineOptions> options, TimeProvider time, ILogger<CallFlow> logger)
    {
        var (p, _) = Parse(http, logger);
        var caller = p.From ?? Anonymous;
        var admitted = true;
        await guard.TryAsync("rate-limit", async ct =>
        {
            var decision = await rateLimits.TryAcquireAsync(caller, options.Value.RateLimit.CallsPerMinute, time.GetUtcNow(), p.CallSid, ct).ConfigureAwait(false);
            admitted = decision.Admitted;
        }, p.CallSid).ConfigureAwait(false);

        if (!admitted)
        {
            LogRateLimited(logger, TwilioForm.Mask(caller), p.CallSid);
            if (p.CallSid is not null)
            {
                await guard.TryAsync("front-door", ct => calls.RecordFrontDoorAsync(NewCall(p, caller) with { RateLimited = true, Status = DataStatus.Busy }, ct), p.CallSid).ConfigureAwait(false);
            }

            return TwiMLResults.Xml(CallFlow.RateLimited().TwiML);
        }

        var result = flow.FrontDoor();
        if (p.CallSid is not null)
        {
            // One transaction: the call and the disclosure it heard.
            await guard.TryAsync("front-door", ct => calls.RecordFrontDoorAsync(NewCall(p, caller) with { Events = CallEventRecorder.EventRows(result.Events) }, ct), p.CallSid).ConfigureAwait(false);
        }

        return TwiMLResults.Xml(result.TwiML);
    }

    public static async Task<ContentHttpResult> MenuAsync(
        HttpContext http, CallFlow flow, CallStore calls, CallEventRecorder recorder, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        var caller = p.From ?? Anonymous;

        // Recording needs a consent decision that is stored, not only the one carried in the URL: when the
        // database cannot confirm it (down, slow, no call row), the call goes on unrecorded.
        var stored = DataConsent.Unknown;
        if (p.CallSid is not null)
        {
            await guard.TryAsync("menu-consent", async ct =>
            {
                var call = await calls.FindAsync(p.CallSid, ct).ConfigureAwait(false);
                stored = call?.ConsentState ?? DataConsent.Unknown;
                if (call is not null && stored == DataConsent.Unknown && ctx.Consent == CoreConsent.Given)
                {
                    await recorder.RecordImpliedConsentAsync(p.CallSid, caller, Core.Consent.ConsentPolicy.PromptVersion, ctx.Language, ct).ConfigureAwait(false);
                    stored = DataConsent.Granted;
                }
            }, p.CallSid).ConfigureAwait(false);
        }

        var effective = ctx with { Consent = Effective(ctx.Consent, stored) };
        var result = flow.Menu(effective, p.Digits);
        await RecordAsync(guard, recorder, p, caller, result).ConfigureAwait(false);
        return TwiMLResults.Xml(result.TwiML);
    }

    public static async Task<ContentHttpResult> DialCompleteAsync(
        HttpContext http, CallFlow flow, CallStore calls, CallEventRecorder recorder, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        var result = flow.DialComplete(ctx, p.DialCallStatus);
        if (p.CallSid is not null)
        {
            var status = p.DialCallStatus is { } s ? TwilioStatusNames.ToWire(s) : "unknown";
            await guard.TryAsync("dial-complete", ct => calls.RecordDialResultAsync(p.CallSid, status, p.DialCallDuration, ct), p.CallSid).ConfigureAwait(false);
        }

        await RecordAsync(guard, recorder, p, p.From ?? Anonymous, result).ConfigureAwait(false);
        return TwiMLResults.Xml(result.TwiML);
    }

    public static async Task<ContentHttpResult> VoicemailAsync(
        HttpContext http, CallFlow flow, CallEventRecorder recorder, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        var result = http.Request.Query["done"] == "1" ? CallFlow.VoicemailDone(ctx) : flow.Voicemail(ctx);
        await RecordAsync(guard, recorder, p, p.From ?? Anonymous, result).ConfigureAwait(false);
        return TwiMLResults.Xml(result.TwiML);
    }

    public static async Task<ContentHttpResult> FallbackAsync(
        HttpContext http, CallFlow flow, CallEventRecorder recorder, WebhookErrorStore errors, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, ctx) = Parse(http, logger);
        LogFallback(logger, p.ErrorCode, p.ErrorUrl, p.CallSid);
        await guard.TryAsync("fallback", ct => errors.RecordAsync(
            WebhookErrorKind.TwilioError, "/twilio/voice/fallback", "Twilio used the Voice Fallback URL", ct, p.CallSid,
            p.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), p.ErrorUrl), p.CallSid).ConfigureAwait(false);

        // The primary handler failed, so nothing about consent can be trusted: no recording beyond the voicemail itself.
        var result = flow.Fallback(ctx with { Consent = CoreConsent.Unknown }, p.ErrorCode, p.ErrorUrl);
        await RecordAsync(guard, recorder, p, p.From ?? Anonymous, result).ConfigureAwait(false);
        return TwiMLResults.Xml(result.TwiML);
    }

    /// <summary>Status callbacks for every leg: idempotent, never moving a call backwards.</summary>
    public static async Task<ContentHttpResult> StatusAsync(HttpContext http, CallStore calls, WebhookGuard guard, ILogger<CallFlow> logger)
    {
        var (p, _) = Parse(http, logger);
        if (p.CallSid is not null && p.CallStatus is { } status)
        {
            var update = new CallStatusUpdate(p.CallSid, ToData(status), p.SequenceNumber, p.Timestamp, p.CallDuration)
            {
                ParentCallSid = p.ParentCallSid,
                AccountSid = p.AccountSid,
                From = p.From,
                To = p.To,
                Direction = p.Direction,
            };
            await guard.TryAsync("status", ct => calls.ApplyStatusAsync(update, ct), p.CallSid).ConfigureAwait(false);
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

    private static async Task RecordAsync(WebhookGuard guard, CallEventRecorder recorder, VoicePayload p, string caller, FlowResult result)
    {
        if (p.CallSid is not null && result.Events.Count > 0)
        {
            await guard.TryAsync("call-events", ct => recorder.RecordAsync(p.CallSid, caller, result.Events, ct), p.CallSid).ConfigureAwait(false);
        }
    }

    private static CoreConsent Effective(CoreConsent carried, DataConsent stored) => (carried, stored) switch
    {
        (_, DataConsent.Withdrawn) or (CoreConsent.Withdrawn, _) => CoreConsent.Withdrawn,
        (CoreConsent.Given, DataConsent.Granted) => CoreConsent.Given,
        _ => CoreConsent.Unknown,
    };

    private static NewCall NewCall(VoicePayload p, string caller) =>
        new(p.CallSid!, p.AccountSid ?? "", caller, p.To ?? "")
        {
            Direction = p.Direction ?? "inbound",
            ParentCallSid = p.ParentCallSid,
        };

    private static DataStatus ToData(Core.Twilio.CallStatus status) => status switch
    {
        Core.Twilio.CallStatus.Queued => DataStatus.Queued,
        Core.Twilio.CallStatus.Initiated => DataStatus.Initiated,
        Core.Twilio.CallStatus.Ringing => DataStatus.Ringing,
        Core.Twilio.CallStatus.InProgress => DataStatus.InProgress,
        Core.Twilio.CallStatus.Completed => DataStatus.Completed,
        Core.Twilio.CallStatus.Busy => DataStatus.Busy,
        Core.Twilio.CallStatus.NoAnswer => DataStatus.NoAnswer,
        Core.Twilio.CallStatus.Failed => DataStatus.Failed,
        _ => DataStatus.Canceled,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited caller {Caller} on call {CallSid}")]
    private static partial void LogRateLimited(ILogger logger, string caller, string? callSid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio used the fallback URL: error {ErrorCode} at {ErrorUrl} on call {CallSid}")]
    private static partial void LogFallback(ILogger logger, int? errorCode, string? errorUrl, string? callSid);
}
