using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Web.Calls;
using Telephony.Web.Twilio;

namespace Telephony.Web.Voicemail;

/// <summary>
/// The voicemail prompt and its Record action (<see cref="TwilioRoutes.Voicemail"/>, with <c>done=1</c> once the caller
/// finished); the voicemail itself is created by the recording callback.
/// </summary>
internal static class VoicemailWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => VoiceWebhook.Map(routes, TwilioRoutes.Voicemail, Decide);

    /// <summary>The prompt or the goodbye, and the route and voicemail marks they set on the call.</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(request);
        var result = request.Query("done") == "1" ? CallFlow.VoicemailDone(request.Context) : flow.Voicemail(request.Context);
        return new(result.TwiML, result, CallEventRecorder.Unit(request.Payload, result));
    }
}
