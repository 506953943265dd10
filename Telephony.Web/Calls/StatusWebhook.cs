using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>Status callbacks of every leg (<see cref="TwilioRoutes.Status"/>): idempotent, never moving a call backwards.</summary>
internal static class StatusWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => VoiceWebhook.Map(routes, TwilioRoutes.Status, Decide);

    /// <summary>The status applied once, by its SequenceNumber; a callback without a call or a status stores nothing.</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Payload is not { CallSid: { } callSid, CallStatus: { } status } p)
        {
            return new(TwiMLResults.EmptyVoice, null, null);
        }

        return new(TwiMLResults.EmptyVoice, null, (stores, receivedAt, ct) =>
        {
            var update = new CallStatusUpdate(callSid, status, p.SequenceNumber, p.Timestamp ?? receivedAt, p.CallDuration)
            {
                ParentCallSid = p.ParentCallSid,
                AccountSid = p.AccountSid,
                From = p.From,
                To = p.To,
                Direction = p.Direction,
            };
            return stores.CallWriter.ApplyAsync(update, ct);
        });
    }
}
