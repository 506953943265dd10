namespace Telephony.Web.Journal;

/// <summary>The webhook routes whose database work can be journaled and replayed.</summary>
public static class WebhookRoutes
{
    public const string FrontDoor = "/twilio/voice/frontdoor";
    public const string Menu = "/twilio/voice/menu";
    public const string DialComplete = "/twilio/voice/dial-complete";
    public const string Voicemail = "/twilio/voice/voicemail";
    public const string RecordingStatus = "/twilio/voice/recording-status";
    public const string Transcription = "/twilio/voice/transcription";
    public const string Status = "/twilio/voice/status";
    public const string Fallback = "/twilio/voice/fallback";
    public const string Sms = "/twilio/sms/reply";
}
