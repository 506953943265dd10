using System.Net;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Telemetry;

/// <summary>
/// Who may scrape <c>/metrics</c>: loopback and <c>Metrics:AllowedNetworks</c>, by the connection's address (forwarded
/// headers count only from configured proxies). Anyone else gets the 404 of a route that does not exist.
/// </summary>
internal sealed class MetricsAccess(IOptions<MetricsOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> networks = options.Value.Networks();

    public bool IsAllowed(IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first step of the scrape's pipeline.</summary>
    public Task GuardAsync(HttpContext http, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (IsAllowed(http.Connection.RemoteIpAddress))
        {
            return next();
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
