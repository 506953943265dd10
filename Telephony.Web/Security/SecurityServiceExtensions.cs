using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Telephony.Web.Api;

namespace Telephony.Web.Security;

public static class SecurityServiceExtensions
{
    /// <summary>Settings, Kestrel limits and timeouts, the sign-in and API rate limits, the API request timeout.</summary>
    public static IHostApplicationBuilder AddSecurityServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection("Security")).ValidateDataAnnotations()
            .Validate(o => o.RateLimits.SignInPerMinute > 0 && o.RateLimits.ApiPerMinute > 0, "Security:RateLimits:* must be positive.")
            .ValidateOnStart();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>>((kestrel, security) =>
        {
            // Slow-loris defences: a client that dribbles headers or idles on a connection is cut off.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Limits.MaxRequestBodySize = security.Value.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });

        // Browsers that once reached the console over https keep to https for a year (HSTS is sent outside Development).
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<SecurityOptions>>((timeouts, security) =>
            timeouts.AddPolicy(ApiServiceExtensions.TimeoutPolicy, security.Value.ApiRequestTimeout));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((limiter, security) =>
        {
            var limits = security.Value.RateLimits;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            limiter.OnRejected = (context, _) =>
            {
                // The status pages turn the bare 429 into problem details (API) or a friendly page (sign-in).
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }

    /// <summary>Rate limits and the API timeout; after authentication, so a limit knows the signed-in user.</summary>
    public static WebApplication UseSecurityLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    // Only two things are limited here; Twilio's callers are limited per caller number in the database instead.
    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits)
    {
        var request = http.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase))
        {
            return Window("sign-in:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.SignInPerMinute);
        }

        if (ApiServiceExtensions.IsApiRequest(request))
        {
            return ApiRateLimit.Partition(http, limits.ApiPerMinute);
        }

        return RateLimitPartition.GetNoLimiter("");
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
