using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>The transfer's end (<see cref="TwilioRoutes.DialComplete"/>): a completed transfer ends the call, anything else goes to voicemail.</summary>
internal static class DialCompleteWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => VoiceWebhook.Map(routes, TwilioRoutes.DialComplete, Decide);

    /// <summary>The dial result and what the flow decided from it, stored in one save.</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Payload;
        var result = flow.DialComplete(request.Context, p.DialCallStatus);
        var status = p.DialCallStatus is { } s ? DialCallStatusNames.ToWire(s) : "unknown";
        return new(result.TwiML, result, CallEventRecorder.Unit(p, result, CallChange.DialResult(status, p.DialCallDuration)));
    }
}
