using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Voicemail;
using Telephony.Web.Twilio;

namespace Telephony.Web.Voicemail;

/// <summary>A voicemail's transcript (<see cref="TwilioRoutes.Transcription"/>), or the news that there is none.</summary>
internal static class TranscriptionWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => VoiceWebhook.Map(routes, TwilioRoutes.Transcription, Decide);

    /// <summary>The transcript is kept only when Twilio completed it; its status is kept either way, for the inbox.</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Payload is not { CallSid: { } callSid, RecordingSid: { } recordingSid } p)
        {
            return new(TwiMLResults.EmptyVoice, null, null);
        }

        var info = new RecordingInfo(callSid, recordingSid)
        {
            RecordingUrl = p.RecordingUrl,
            Transcript = p.TranscriptionStatus == "completed" ? p.TranscriptionText : null,
            TranscriptStatus = p.TranscriptionStatus,
        };
        return new(TwiMLResults.EmptyVoice, null, (stores, receivedAt, ct) => stores.Voicemails.UpsertRecordingAsync(info with { ReceivedAt = receivedAt }, ct));
    }
}
