using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>
/// The caller's key (<see cref="TwilioRoutes.Menu"/>). Recording needs a consent decision that is stored, not only the
/// one carried in the URL: the menu decides on the call's stored consent, inside the unit of work that stores it.
/// </summary>
internal static class MenuWebhook
{
    /// <summary>Journal fact: the consent the answer fell back to when the stored one could not be read.</summary>
    private const string ConsentFact = "consent";


    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => routes.MapPost(TwilioRoutes.Menu, HandleAsync);

    public static async Task<ContentHttpResult> HandleAsync(HttpContext http, [AsParameters] WebhookServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var request = VoiceRequest.Of(http, services.Logger);
        var flow = services.Stores.Flow;
        var unconfirmed = Unconfirmed(request);
        if (request.Payload.CallSid is not { } callSid)
        {
            return TwiMLResults.Xml(flow.Menu(unconfirmed, request.Payload.Digits).TwiML);
        }

        // Unlike the other routes, the answer waits for the unit: it is what the menu decided on the stored consent.
        var menu = new MenuWork(flow, callSid, request.Payload, request.Context);
        var written = false;
        await services.Guard.StoreAsync(http, TwilioRoutes.Menu, callSid, async (_, ct) =>
        {
            await services.Stores.CallWriter.WriteAsync(menu.Work, ct).ConfigureAwait(false);
            written = true;
        }, (ConsentFact, ConsentPolicy.ToQuery(unconfirmed.Consent) ?? "")).ConfigureAwait(false);
        var answer = written && menu.Decided is { } decided ? decided : flow.Menu(unconfirmed, request.Payload.Digits);
        return TwiMLResults.Xml(answer.TwiML);
    }

    /// <summary>A journaled menu webhook: the same unit, with the consent its answer used (the record's fact).</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(request);
        var answer = flow.Menu(Unconfirmed(request), request.Payload.Digits);
        if (request.Payload.CallSid is not { } callSid)
        {
            return new(answer.TwiML, answer, null);
        }

        var work = new MenuWork(flow, callSid, request.Payload, request.Context).Work;
        return new(answer.TwiML, answer, (stores, _, ct) => stores.CallWriter.WriteAsync(work, ct));
    }

    // When the database cannot confirm the consent (down, slow, no call row), the call goes on unrecorded, and the
    // journaled webhook carries that consent so that its replay decides the same.
    private static CallContext Unconfirmed(VoiceRequest request) =>
        request.Context with { Consent = ConsentPolicy.Effective(request.Context.Consent, ConsentState.Unknown) };

    /// <summary>
    /// The menu's unit of call work: the stored consent, the implied consent of a caller who stayed on, and what the menu
    /// decided from them, written with the other webhooks of the moment.
    /// </summary>
    private sealed class MenuWork
    {
        public MenuWork(CallFlow flow, string callSid, VoicePayload p, CallContext ctx)
        {
            var caller = WithheldCallerId.CallerOf(p.From);
            Work = new CallWork(callSid, (rows, now) =>
            {
                var call = rows.Find(callSid);
                var stored = call?.ConsentState ?? ConsentState.Unknown;
                if (call is not null && stored == ConsentState.Unknown && ctx.Consent == ConsentState.Granted)
                {
                    CallEventRecorder.RecordImpliedConsent(rows, callSid, caller, ctx.Language, now);
                    stored = ConsentState.Granted;
                }

                var result = flow.Menu(ctx with { Consent = ConsentPolicy.Effective(ctx.Consent, stored) }, p.Digits);
                Decided = result;
                return CallEventRecorder.Apply(rows, now, callSid, caller, result.Events);
            });
        }

        public CallWork Work { get; }

        /// <summary>What the menu decided in the unit's last run: the run that was stored, once the write returned.</summary>
        public FlowResult? Decided { get; private set; }
    }
}
