using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Twilio;
using Telephony.Data.Voicemail;
using Telephony.Web.Calls;
using Telephony.Web.Journal;
using Telephony.Web.Twilio;

namespace Telephony.Web.Voicemail;

/// <summary>Recording and transcription callbacks: the voicemail exists as soon as Twilio says the recording is done.</summary>
internal static class RecordingWebhooks
{
    public static async Task<ContentHttpResult> RecordingStatusAsync(HttpContext http, WebhookGuard guard, ILogger<VoicemailStore> logger)
    {
        var p = Parse(http, logger);
        if (p.CallSid is not null && p.RecordingSid is not null && p.RecordingStatus == "completed")
        {
            await guard.StoreAsync(http, WebhookRoutes.RecordingStatus, p.CallSid).ConfigureAwait(false);
        }

        return TwiMLResults.Xml(VoiceWebhooks.EmptyResponse);
    }

    public static async Task<ContentHttpResult> TranscriptionAsync(HttpContext http, WebhookGuard guard, ILogger<VoicemailStore> logger)
    {
        var p = Parse(http, logger);
        if (p.CallSid is not null && p.RecordingSid is not null)
        {
            await guard.StoreAsync(http, WebhookRoutes.Transcription, p.CallSid).ConfigureAwait(false);
        }

        return TwiMLResults.Xml(VoiceWebhooks.EmptyResponse);
    }

    private static VoicePayload Parse(HttpContext http, ILogger logger)
    {
        var parsed = VoicePayload.Parse(TwilioForm.Of(http));
        TwilioForm.LogRejected(logger, http.Request.Path, parsed.RejectedFields);
        return parsed.Payload;
    }
}
