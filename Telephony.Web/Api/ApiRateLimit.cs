using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Telephony.Web.Api;

/// <summary>The admin API's rate limit (<c>Security:RateLimits:ApiPerMinute</c>): a fixed window per caller.</summary>
internal static class ApiRateLimit
{
    public static RateLimitPartition<string> Partition(HttpContext http, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter("api:" + Caller(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    // The signed-in user, else the presented API key (hashed: the key itself never sits in memory as a dictionary key), else the address.
    private static string Caller(HttpContext http)
    {
        if (http.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            return "user:" + name;
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        }

        return "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
