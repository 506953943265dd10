namespace Telephony.Web.Provisioning;

/// <summary>The webhook URLs a number is configured with: this app's Twilio routes under <c>Twilio:PublicBaseUrl</c>.</summary>
public sealed record WebhookUrls(Uri Voice, Uri VoiceFallback, Uri StatusCallback, Uri Sms)
{
    public static WebhookUrls For(string publicBaseUrl)
    {
        var root = publicBaseUrl.TrimEnd('/');
        return new(new Uri(root + "/twilio/voice/frontdoor"), new Uri(root + "/twilio/voice/fallback"),
            new Uri(root + "/twilio/voice/status"), new Uri(root + "/twilio/sms/reply"));
    }
}
