using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Twilio;

/// <summary><c>Twilio:*</c> settings. Empty credentials mean simulator mode.</summary>
public sealed class TwilioOptions
{
    public string AccountSid { get; set; } = "";

    public string AuthToken { get; set; } = "";

    /// <summary>
    /// During an auth-token rotation, the token Twilio will sign with once it is promoted: webhooks signed with either
    /// token verify, so promoting it in Twilio's console drops no call. Empty outside a rotation.
    /// </summary>
    public string SecondaryAuthToken { get; set; } = "";

    /// <summary>The public origin Twilio calls; signatures are computed over it, never over what Kestrel saw.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    public bool SimulatorMode => string.IsNullOrEmpty(AccountSid) || string.IsNullOrEmpty(AuthToken);
}
