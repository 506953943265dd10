using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Voicemail;
using Telephony.Web.Twilio;

namespace Telephony.Web.Voicemail;

/// <summary>
/// A recording is done (<see cref="TwilioRoutes.RecordingStatus"/>): the voicemail exists from here on, or, for a recorded
/// transfer, the recording joins the call's timeline.
/// </summary>
internal static class RecordingStatusWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => VoiceWebhook.Map(routes, TwilioRoutes.RecordingStatus, Decide);

    /// <summary>Only a completed recording is stored: Twilio also reports recordings in progress and failed ones.</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Payload is not { CallSid: { } callSid, RecordingSid: { } recordingSid, RecordingStatus: "completed" } p)
        {
            return new(TwiMLResults.EmptyVoice, null, null);
        }

        if (request.Field("RecordingSource") == "DialVerb")
        {
            // A recorded transfer (consent stood when the Dial was built); kept on the call's timeline.
            var change = new CallChange(CallEventKinds.CallRecording, $"{recordingSid} ({p.RecordingDuration ?? 0} s)");
            return new(TwiMLResults.EmptyVoice, null, (stores, _, ct) => stores.CallWriter.WriteAsync(CallWork.Changes(callSid, [change]), ct));
        }

        var info = new RecordingInfo(callSid, recordingSid) { RecordingUrl = p.RecordingUrl, DurationSeconds = p.RecordingDuration };
        return new(TwiMLResults.EmptyVoice, null, (stores, receivedAt, ct) => stores.Voicemails.UpsertRecordingAsync(info with { ReceivedAt = receivedAt }, ct));
    }
}
