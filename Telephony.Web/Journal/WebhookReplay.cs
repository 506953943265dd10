using Telephony.Core.Twilio;
using Telephony.Web.Calls;
using Telephony.Web.Sms;
using Telephony.Web.Twilio;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Journal;

/// <summary>
/// Replays a journaled webhook through its route's unit of work, the one its handler ran (each route's file holds both).
/// Every unit is idempotent on Twilio's identifiers (CallSid, SequenceNumber, RecordingSid, MessageSid), so running a
/// record twice stores nothing twice.
/// </summary>
public sealed class WebhookReplay(WebhookStores stores)
{
    public Task RunAsync(JournalRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Route switch
        {
            TwilioRoutes.FrontDoor => VoiceWebhook.ReplayAsync(record, stores, FrontDoorWebhook.Decide, cancellationToken),
            TwilioRoutes.Menu => VoiceWebhook.ReplayAsync(record, stores, MenuWebhook.Decide, cancellationToken),
            TwilioRoutes.DialComplete => VoiceWebhook.ReplayAsync(record, stores, DialCompleteWebhook.Decide, cancellationToken),
            TwilioRoutes.Voicemail => VoiceWebhook.ReplayAsync(record, stores, VoicemailWebhook.Decide, cancellationToken),
            TwilioRoutes.Fallback => VoiceWebhook.ReplayAsync(record, stores, FallbackWebhook.Decide, cancellationToken),
            TwilioRoutes.Status => VoiceWebhook.ReplayAsync(record, stores, StatusWebhook.Decide, cancellationToken),
            TwilioRoutes.RecordingStatus => VoiceWebhook.ReplayAsync(record, stores, RecordingStatusWebhook.Decide, cancellationToken),
            TwilioRoutes.Transcription => VoiceWebhook.ReplayAsync(record, stores, TranscriptionWebhook.Decide, cancellationToken),
            TwilioRoutes.Sms => SmsReplyWebhook.ReplayAsync(record, stores, cancellationToken),
            _ => Task.CompletedTask,
        };
    }
}
