using Microsoft.Extensions.Options;
using Telephony.Core.Twilio;
using Telephony.Data.Provisioning;
using Telephony.Web.Twilio;

namespace Telephony.Web.Provisioning;

/// <summary>The webhook URLs a number is configured with: this app's Twilio routes under <c>Twilio:PublicBaseUrl</c>.</summary>
public sealed record WebhookUrls(Uri Voice, Uri VoiceFallback, Uri StatusCallback, Uri Sms)
{
    public const string Configured = "configured";

    /// <summary>Stored URLs differ from those under the current <c>Twilio:PublicBaseUrl</c>: "fix configuration" reconfigures it.</summary>
    public const string Misconfigured = "misconfigured";

    public static WebhookUrls For(string publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var root = publicBaseUrl.TrimEnd('/');
        return new(new Uri(root + TwilioRoutes.FrontDoor), new Uri(root + TwilioRoutes.Fallback),
            new Uri(root + TwilioRoutes.Status), new Uri(root + TwilioRoutes.Sms));
    }

    /// <summary>Whether the number's stored URLs are exactly these.</summary>
    public bool Match(PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.VoiceUrl == Voice.ToString() && number.VoiceFallbackUrl == VoiceFallback.ToString()
            && number.StatusCallbackUrl == StatusCallback.ToString() && number.SmsUrl == Sms.ToString();
    }

    /// <summary>The configuration status to show: an active number whose URLs are not these is misconfigured.</summary>
    public string StatusOf(PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Status == "active" && number.ConfigurationStatus == Configured && !Match(number) ? Misconfigured : number.ConfigurationStatus;
    }
}

/// <summary>
/// <c>Twilio:PublicBaseUrl</c> as it is now (follows configuration reloads), so numbers configured under an earlier
/// value show as misconfigured and a reconfigure transaction moves them to the current one.
/// </summary>
public sealed class CurrentWebhookUrls(IOptionsMonitor<TwilioOptions> options)
{
    public string PublicBaseUrl => options.CurrentValue.PublicBaseUrl.TrimEnd('/');

    public WebhookUrls Urls => WebhookUrls.For(PublicBaseUrl);
}
