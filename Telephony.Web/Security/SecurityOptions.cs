using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Security;

/// <summary><c>Security:*</c> settings: cookie policy, session revalidation, rate limits, request limits.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// <c>Always</c> or <c>SameAsRequest</c>; empty means <c>Always</c> everywhere except Development (plain http on a laptop).
    /// </summary>
    public string CookieSecurePolicy { get; set; } = "";

    /// <summary>How often a signed-in session (cookie and open console) is checked against the user's security stamp.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest Twilio webhook body accepted; Twilio's form posts are a few kilobytes (256 KB leaves room for long transcripts).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long WebhookMaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest request body anywhere else (the admin API's JSON, the sign-in form).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long an admin API request may run before it is cancelled (503).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ApiRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary><c>Security:RateLimits:*</c>: fixed one-minute windows.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in form posts per client IP address per minute.</summary>
    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Admin API requests per user or API key per minute.</summary>
    [Range(1, 1_000_000)]
    public int ApiPerMinute { get; set; } = 120;

    /// <summary>
    /// Requests with a missing or wrong <c>X-Twilio-Signature</c> per source address (IPv6: per /64) per minute; past it,
    /// the Twilio routes answer that source 429 without reading the body or checking the signature.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BadSignaturesPerMinute { get; set; } = 30;
}
