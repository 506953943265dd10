using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR); none listed, none
/// believed. The framework's default (trust loopback) is cleared so the lists say exactly who is trusted.
/// </summary>
/// <remarks>Twilio signatures never use what the proxy forwarded: they are checked against <c>Twilio:PublicBaseUrl</c>.</remarks>
internal sealed class ForwardedHeadersSetup(IConfiguration configuration) : IConfigureOptions<ForwardedHeadersOptions>
{
    public const string Section = "ForwardedHeaders";

    public void Configure(ForwardedHeadersOptions options)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var section = configuration.GetSection(Section);
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        // The middleware believes everybody when both lists are empty: then it must not look at the headers at all.
        var trustsSomeone = options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0;
        options.ForwardedHeaders = trustsSomeone ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
    }
}
