using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Web.Telemetry;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>
/// A new call (<see cref="TwilioRoutes.FrontDoor"/>): the caller is counted against the rate limit and the call is stored
/// with the disclosure it hears, in one group commit with the other front doors of the moment.
/// </summary>
internal static partial class FrontDoorWebhook
{
    /// <summary>Journal fact: whether the answer refused the caller, so that the replay stores the same call.</summary>
    private const string RateLimitedFact = "rateLimited";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => routes.MapPost(TwilioRoutes.FrontDoor, HandleAsync);

    public static async Task<ContentHttpResult> HandleAsync(HttpContext http, [AsParameters] WebhookServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var p = VoiceRequest.Of(http, services.Logger).Payload;
        var answer = services.Stores.Flow.FrontDoor();
        // A withheld caller ID is nobody in particular: such callers share one allowance per number they called.
        var caller = WithheldCallerId.RateLimitKey(p.From, p.To);
        var limits = services.Options.Value.RateLimit;
        var limit = WithheldCallerId.IsWithheld(p.From) ? limits.AnonymousCallsPerMinute : limits.CallsPerMinute;
        var admitted = true;
        if (p.CallSid is not { } callSid)
        {
            await services.Guard.TryAsync("rate-limit", async ct =>
            {
                admitted = (await services.RateLimits.TryAcquireAsync(caller, limit, services.Time.GetUtcNow(), callSid: null, ct).ConfigureAwait(false)).Admitted;
            }, callSid: null).ConfigureAwait(false);
        }
        else
        {
            // When the database cannot answer in time the caller is admitted, and the webhook is journaled as admitted
            // so that its replay stores the same call.
            await services.Guard.StoreAsync(http, TwilioRoutes.FrontDoor, callSid, async (record, ct) =>
            {
                var entry = new FrontDoorEntry(Call(p, callSid, answer, record.ReceivedAt), caller, limit, services.Time.GetUtcNow());
                admitted = (await services.Stores.FrontDoors.WriteAsync(entry, ct).ConfigureAwait(false)).Admitted;
            }, (RateLimitedFact, "0")).ConfigureAwait(false);
        }

        if (!admitted)
        {
            LogRateLimited(services.Logger, WithheldCallerId.IsWithheld(p.From) ? WithheldCallerId.DisplayName : TwilioForm.Mask(caller), p.CallSid);
            WebhookOutcome.MarkRateLimited(http);
            return TwiMLResults.Xml(CallFlow.RateLimited().TwiML);
        }

        return TwiMLResults.Xml(answer.TwiML);
    }

    /// <summary>
    /// A journaled front door: the call and its disclosure as the answer decided them. The rate limit was decided when the
    /// webhook was answered, so the replay does not count the caller again.
    /// </summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(request);
        var answer = flow.FrontDoor();
        if (request.Payload.CallSid is not { } callSid)
        {
            return new(answer.TwiML, answer, null);
        }

        var refused = request.Query(RateLimitedFact) == "1";
        return new(answer.TwiML, answer, (stores, receivedAt, ct) =>
        {
            var call = Call(request.Payload, callSid, answer, receivedAt);
            return stores.Calls.RecordFrontDoorAsync(refused ? NewCall.Refused(call) : call, ct);
        });
    }

    private static NewCall Call(VoicePayload p, string callSid, FlowResult answer, DateTimeOffset receivedAt) =>
        new(callSid, p.AccountSid ?? "", WithheldCallerId.CallerOf(p.From), p.To ?? "")
        {
            Direction = p.Direction ?? "inbound",
            ParentCallSid = p.ParentCallSid,
            At = receivedAt,
            Events = CallEventRecorder.EventRows(answer.Events),
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited caller {Caller} on call {CallSid}")]
    private static partial void LogRateLimited(ILogger logger, string caller, string? callSid);
}
