namespace Telephony.Core.Twilio;

/// <summary>
/// The webhook routes Twilio calls (docs/design.md): mapped by the web host, written into TwiML and into the numbers'
/// configuration, played by the simulator. Journal records store them, so a route never changes its string.
/// </summary>
public static class TwilioRoutes
{
    /// <summary>Every Twilio route is under this prefix (signature check, body limit, fallback TwiML).</summary>
    public const string Root = "/twilio";

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
