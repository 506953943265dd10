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
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address : throw Invalid("KnownProxies", proxy));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed : throw Invalid("KnownNetworks", network));
        }

        // The middleware believes everybody when both lists are empty: then it must not look at the headers at all.
        var trustsSomeone = options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0;
        options.ForwardedHeaders = trustsSomeone ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
    }

    // Read when the pipeline is built, so a typo stops the app at start rather than trusting the wrong hosts.
    private static InvalidOperationException Invalid(string key, string value) =>
        new($"{Section}:{key} holds '{value}', which is not an IP address{(key == "KnownNetworks" ? " range in CIDR notation (e.g. 10.0.0.0/16)" : "")}.");
}
