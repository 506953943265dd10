using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Voicemail;
using Telephony.Web.Calls;
using Telephony.Web.Twilio;

namespace Telephony.Web.Voicemail;

/// <summary>Recording and transcription callbacks: the voicemail exists as soon as Twilio says the recording is done.</summary>
internal static class RecordingWebhooks
{
    public static async Task<ContentHttpResult> RecordingStatusAsync(
        HttpContext http, VoicemailStore voicemails, CallStore calls, WebhookGuard guard, ILogger<VoicemailStore> logger)
    {
        var parsed = VoicePayload.Parse(TwilioForm.Of(http));
        TwilioForm.LogRejected(logger, http.Request.Path, parsed.RejectedFields);
        var p = parsed.Payload;
        var source = TwilioForm.Field(http, "RecordingSource");
        if (p.CallSid is null || p.RecordingSid is null || p.RecordingStatus != "completed")
        {
            return TwiMLResults.Xml(VoiceWebhooks.EmptyResponse);
        }

        if (source == "DialVerb")
        {
            // A recorded transfer (consent stood when the Dial was built); kept on the call's timeline.
            await guard.TryAsync("call-recording", ct => calls.AddEventAsync(p.CallSid, CallEventKinds.CallRecording, $"{p.RecordingSid} ({p.RecordingDuration ?? 0} s)", ct), p.CallSid).ConfigureAwait(false);
            return TwiMLResults.Xml(VoiceWebhooks.EmptyResponse);
        }

        var info = new RecordingInfo(p.CallSid, p.RecordingSid) { RecordingUrl = p.RecordingUrl, DurationSeconds = p.RecordingDuration };
        await guard.TryAsync("voicemail", ct => voicemails.UpsertRecordingAsync(info, ct), p.CallSid).ConfigureAwait(false);
        return TwiMLResults.Xml(VoiceWebhooks.EmptyResponse);
    }

    public static async Task<ContentHttpResult> TranscriptionAsync(HttpContext http, VoicemailStore voicemails, WebhookGuard guard, ILogger<VoicemailStore> logger)
    {
        var parsed = VoicePayload.Parse(TwilioForm.Of(http));
        TwilioForm.LogRejected(logger, http.Request.Path, parsed.RejectedFields);
        var p = parsed.Payload;
        if (p.CallSid is not null && p.RecordingSid is not null)
        {
            var info = new RecordingInfo(p.CallSid, p.RecordingSid)
            {
                RecordingUrl = p.RecordingUrl,
                Transcript = p.TranscriptionStatus == "completed" ? p.TranscriptionText : null,
                TranscriptStatus = p.TranscriptionStatus,
            };
            await guard.TryAsync("transcription", ct => voicemails.UpsertRecordingAsync(info, ct), p.CallSid).ConfigureAwait(false);
        }

        return TwiMLResults.Xml(VoiceWebhooks.EmptyResponse);
    }
}
