using Telephony.Core.Twilio;

namespace Telephony.Web.Telemetry;

/// <summary>The <c>route</c> tag of a Twilio webhook: a short fixed name per route.</summary>
public static class WebhookRouteNames
{
    public static string Of(PathString path) => path.Value switch
    {
        TwilioRoutes.FrontDoor => "frontdoor",
        TwilioRoutes.Menu => "menu",
        TwilioRoutes.DialComplete => "dial-complete",
        TwilioRoutes.Voicemail => "voicemail",
        TwilioRoutes.RecordingStatus => "recording-status",
        TwilioRoutes.Transcription => "transcription",
        TwilioRoutes.Status => "status",
        TwilioRoutes.Fallback => "fallback",
        TwilioRoutes.Sms => "sms-reply",
        _ => "other",
    };
}
