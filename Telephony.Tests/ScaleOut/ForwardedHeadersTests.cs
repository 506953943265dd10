using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Tests.Web;

namespace Telephony.Tests.ScaleOut;

/// <summary>Behind a load balancer: the client's address and scheme come from X-Forwarded-* only when a trusted proxy sent them.</summary>
public sealed class ForwardedHeadersTests
{
    private const string ClientAddress = "203.0.113.7";

    [Fact]
    public async Task From_a_trusted_proxy_the_client_address_and_https_are_applied_and_the_sign_in_cookie_is_secure()
    {
        await using var app = new ProbedApp();
        app.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1"; // the test client is the "proxy"

        var cookie = await SignInThroughProxyAsync(app);

        Assert.Equal((ClientAddress, "https"), app.Probe.Last);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task From_an_untrusted_address_the_headers_are_ignored()
    {
        await using var app = new ProbedApp();
        app.Settings["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8"; // the proxy lives elsewhere

        var cookie = await SignInThroughProxyAsync(app);

        Assert.Equal(("127.0.0.1", "http"), app.Probe.Last);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_no_proxy_configured_nobody_is_trusted_not_even_loopback()
    {
        await using var app = new ProbedApp();

        await SignInThroughProxyAsync(app);

        Assert.Equal(("127.0.0.1", "http"), app.Probe.Last);
    }

    [Fact]
    public async Task A_proxy_setting_that_is_not_an_address_stops_the_app_at_start()
    {
        await using var app = new TelephonyAppFactory();
        app.Settings["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33";

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("ForwardedHeaders:KnownNetworks holds '10.0.0.0/33'", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Signs in over plain HTTP with the headers a TLS-terminating proxy adds; returns the auth Set-Cookie.</summary>
    private static async Task<string> SignInThroughProxyAsync(ProbedApp app)
    {
        // Kestrel's client from the factory follows redirects; a browser-like one that does not is needed here.
        // Cookies are replayed by hand: behind the proxy the browser talks https, so the app marks its cookies Secure,
        // and a cookie jar would not send those back over this test's plain-http leg.
        using var client = new HttpClient(new CookieReplay(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })) { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var response = await FormSignIn.PostLoginAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal));
    }

    /// <summary>The app on Kestrel (a real remote address), with a probe that records what the pipeline saw.</summary>
    private sealed class ProbedApp() : TelephonyAppFactory(DatabaseProvider.Sqlite, null, kestrel: true)
    {
        public RequestProbe Probe { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(Probe));
        }
    }

    /// <summary>Wraps the app's pipeline and records, once a request is done, the address and scheme it ended up with.</summary>
    private sealed class RequestProbe : IStartupFilter
    {
        public (string? RemoteAddress, string Scheme) Last { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                await proceed(context);
                Last = (context.Connection.RemoteIpAddress?.ToString(), context.Request.Scheme);
            });
            next(app);
        };
    }

    /// <summary>Sends back every cookie the app set, Secure or not, as a browser on the proxy's https side would.</summary>
    private sealed class CookieReplay(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var pair in set.Select(c => c.Split(';')[0]))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    cookies[pair[..eq]] = pair[(eq + 1)..];
                }
            }

            return response;
        }
    }
}
