using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Tests.Web;
using Telephony.Web.Api;
using Telephony.Web.Auth;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Security;

/// <summary>
/// Every endpoint the app maps, read from its endpoint data source: each needs a signed-in user except an explicit
/// allowlist; every other endpoint, requested anonymously with its own method, answers 401 or a redirect to the login
/// page; a Support user gets 403 on every admin endpoint and page.
/// </summary>
public sealed partial class EndpointAuthorizationTests(TelephonyAppFactory app) : IClassFixture<TelephonyAppFactory>
{
    /// <summary>Anonymous on purpose, and why.</summary>
    private static readonly (Regex Pattern, string Reason)[] Allowlist =
    [
        (TwilioRoutes(), "Twilio webhooks: authenticated by X-Twilio-Signature"),
        (HealthRoutes(), "load-balancer probes"),
        (MetricsRoute(), "Prometheus scrapes: served to loopback and Metrics:AllowedNetworks only, 404 to anyone else"),
        (LoginRoute(), "the sign-in page"),
        (SsoRoute(), "starts single sign-on at the company's identity provider"),
        (StatusRoute(), "the status page people see for 403, 404 and 429"),
        (SimulatorRoutes(), "simulator mode only: the fake Twilio, behind Basic auth with the account credentials"),
        (WallboardRoute(), "the wallboard: checks a wallboard link's token itself, otherwise sends the browser to sign in"),
        (CircuitRoutes(), "Blazor's script and circuit connection, which the wallboard link needs; a circuit renders only what was prerendered for it"),
    ];

    [Fact]
    public void The_app_maps_the_endpoints_this_test_expects_to_see()
    {
        var patterns = Endpoints().Select(e => e.RoutePattern.RawText).ToHashSet();

        // A guard against enumerating the wrong data source and passing vacuously.
        Assert.Contains("/api/tenants", patterns);
        Assert.Contains("/voicemail/{id:guid}/audio", patterns);
        Assert.Contains("/users", patterns);
        Assert.Contains("/twilio/voice/frontdoor", patterns);
        Assert.Contains("/_blazor", patterns);
        Assert.True(patterns.Count > 50, $"Only {patterns.Count} endpoints found.");
    }

    [Fact]
    public void Only_allowlisted_endpoints_and_static_assets_allow_anonymous_users()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e => e.RoutePattern.RawText!)
            .Where(pattern => !Allowlist.Any(a => a.Pattern.IsMatch(pattern)))
            .ToList();

        Assert.Empty(anonymous);
    }

    [Fact]
    public async Task Every_other_endpoint_turns_an_anonymous_request_away()
    {
        using var client = app.CreateBrowserlessClient();
        var admitted = new List<string>();
        var checkedCount = 0;

        foreach (var endpoint in Endpoints().Where(e => !IsAllowlisted(e)))
        {
            foreach (var method in Methods(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(endpoint));
                if (method is "POST" or "DELETE")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                checkedCount++;
                var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal);
                if (response.StatusCode != HttpStatusCode.Unauthorized && !toLogin)
                {
                    admitted.Add($"{method} {request.RequestUri} -> {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(admitted);
        Assert.True(checkedCount > 30, $"Only {checkedCount} requests were checked.");
    }

    [Fact]
    public async Task A_support_user_gets_403_on_every_admin_endpoint_and_page()
    {
        const string email = "support-enum@test.local";
        const string password = "Support-Enumerate-77";
        await app.CreateUserAsync(email, password, Roles.Support);
        using var client = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, email, password);

        var adminEndpoints = Endpoints().Where(IsAdminOnly).ToList();
        var admitted = new List<string>();
        foreach (var endpoint in adminEndpoints)
        {
            foreach (var method in Methods(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(endpoint));
                if (method is "POST" or "DELETE")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
                if (response.StatusCode != HttpStatusCode.Forbidden || (isPage && !body.Contains("have access to this page", StringComparison.Ordinal)))
                {
                    admitted.Add($"{method} {request.RequestUri} -> {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(admitted);
        // The admin surface this covers: the admin API, OpenAPI, audio, consent export, and the admin pages.
        var patterns = adminEndpoints.Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains("/api/tenants", patterns);
        Assert.Contains("/openapi/{documentName}.json", patterns);
        Assert.Contains("/voicemail/{id:guid}/audio", patterns);
        Assert.Contains("/consent/ledger.csv", patterns);
        Assert.Contains("/users", patterns);
        Assert.Contains("/numbers", patterns);
        Assert.Contains("/transactions", patterns);
        Assert.Contains("/settings", patterns);
    }

    private List<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static bool IsAllowlisted(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || Allowlist.Any(a => a.Pattern.IsMatch(endpoint.RoutePattern.RawText!));

    private static bool IsAdminOnly(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a =>
            a.Policy is AuthServiceExtensions.AdminPolicy or ApiServiceExtensions.Policy
            || (a.Roles?.Split(',').Contains(Roles.Admin) ?? false));

    private static List<string> Methods(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetOrderedMetadata<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Where(m => m != "HEAD").Distinct().ToList();
        return methods.Count == 0 ? ["GET"] : methods; // hubs and Blazor's endpoints take any method
    }

    /// <summary>The route with a plausible value in each parameter.</summary>
    private static string Concrete(RouteEndpoint endpoint) =>
        "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), m => m.Groups[1].Value switch
        {
            var p when p.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            var p when p.StartsWith("**", StringComparison.Ordinal) => "some/file.txt",
            "documentName" => "v1",
            "sid" => "PN" + new string('0', 32),
            _ => "x",
        });

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^/twilio/")]
    private static partial Regex TwilioRoutes();

    [GeneratedRegex("^/health(/ready)?$")]
    private static partial Regex HealthRoutes();

    [GeneratedRegex("^/metrics$")]
    private static partial Regex MetricsRoute();

    [GeneratedRegex("^/account/login$")]
    private static partial Regex LoginRoute();

    [GeneratedRegex("^/account/sso$")]
    private static partial Regex SsoRoute();

    [GeneratedRegex(@"^/status/\{Code:int\}$")]
    private static partial Regex StatusRoute();

    [GeneratedRegex("^/wallboard$")]
    private static partial Regex WallboardRoute();

    [GeneratedRegex("^(/_blazor(/.*)?|/_framework/blazor\\.web\\.js)$")]
    private static partial Regex CircuitRoutes();

    [GeneratedRegex("^/simulator/")]
    private static partial Regex SimulatorRoutes();
}
