using Microsoft.Extensions.Options;
using Telephony.Data.RateLimiting;

namespace Telephony.Web.Twilio;

/// <summary>
/// A Twilio webhook handler's services, bound as one parameter (<c>[AsParameters]</c>): each constructor parameter is
/// resolved and kept in the property of the same name and type.
/// </summary>
public sealed class WebhookServices(
    WebhookStores stores, WebhookGuard guard, RateLimitStore rateLimits, IOptions<HotlineOptions> options, TimeProvider time, ILogger<WebhookServices> logger)
{
    public WebhookStores Stores { get; } = stores;

    /// <summary>Runs a unit of work within the time budget, or journals the webhook for replay.</summary>
    public WebhookGuard Guard { get; } = guard;

    /// <summary>The rate limit of a front door that has no CallSid, so no call to store with it.</summary>
    public RateLimitStore RateLimits { get; } = rateLimits;

    public IOptions<HotlineOptions> Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public ILogger<WebhookServices> Logger { get; } = logger;
}
