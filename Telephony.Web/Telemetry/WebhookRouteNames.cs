using Telephony.Web.Journal;

namespace Telephony.Web.Telemetry;

/// <summary>The <c>route</c> tag of a Twilio webhook: a short fixed name per route.</summary>
public static class WebhookRouteNames
{
    public static string Of(PathString path) => path.Value switch
    {
        WebhookRoutes.FrontDoor => "frontdoor",
        WebhookRoutes.Menu => "menu",
        WebhookRoutes.DialComplete => "dial-complete",
        WebhookRoutes.Voicemail => "voicemail",
        WebhookRoutes.RecordingStatus => "recording-status",
        WebhookRoutes.Transcription => "transcription",
        WebhookRoutes.Status => "status",
        WebhookRoutes.Fallback => "fallback",
        WebhookRoutes.Sms => "sms-reply",
        _ => "other",
    };
}
