using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Telephony.Tests.Web;
using Telephony.Web.Auth;
using Telephony.Web.Security;

namespace Telephony.Tests.Security;

/// <summary>
/// The sign-in and antiforgery cookies: HttpOnly, SameSite, and Secure outside Development even when the request
/// reached the app over http (TLS ends at a proxy); the tests' plain-http override leaves Secure to the request.
/// </summary>
public sealed class CookiePolicyTests : IAsyncLifetime
{
    private readonly TelephonyAppFactory production = new();
    private readonly TelephonyAppFactory overridden = new();

    public CookiePolicyTests()
    {
        production.Settings["Security:CookieSecurePolicy"] = ""; // the shipped default
    }

    [Fact]
    public async Task Outside_development_the_session_cookie_is_secure_http_only_and_same_site_even_over_http()
    {
        // A cookie jar would not send a Secure cookie back over http; the TLS-terminating proxy is played by hand.
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);
        var antiforgery = Cookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["_handler"] = "login",
                ["Input.Email"] = TelephonyAppFactory.AdminEmail,
                ["Input.Password"] = TelephonyAppFactory.AdminPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery[..antiforgery.IndexOf(';', StringComparison.Ordinal)]);
        using var signedIn = await client.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Cookies(signedIn).Single(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal));

        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase); // SameAsRequest: see AuthServiceExtensions
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_the_same_as_request_override_plain_http_cookies_are_not_secure_but_https_ones_are()
    {
        using var http = overridden.CreateBrowserlessClient();
        using var https = overridden.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://hotline.example.com"), AllowAutoRedirect = false });

        var (plainAuth, plainAntiforgery) = await SignInCookiesAsync(http);
        var (secureAuth, secureAntiforgery) = await SignInCookiesAsync(https);

        Assert.DoesNotContain("secure", plainAuth, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plainAntiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", plainAuth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", secureAuth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", secureAntiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("", "Development", CookieSecurePolicy.SameAsRequest)]
    [InlineData("", "Production", CookieSecurePolicy.Always)]
    [InlineData("", "Staging", CookieSecurePolicy.Always)]
    [InlineData("SameAsRequest", "Production", CookieSecurePolicy.SameAsRequest)]
    [InlineData("always", "Development", CookieSecurePolicy.Always)]
    public void The_policy_follows_the_environment_unless_configured(string setting, string environment, CookieSecurePolicy expected)
    {
        var host = new HostingEnvironment { EnvironmentName = environment };

        Assert.Equal(expected, AuthServiceExtensions.SecurePolicy(new SecurityOptions { CookieSecurePolicy = setting }, host));
    }

    private static async Task<(string Auth, string Antiforgery)> SignInCookiesAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);
        var antiforgery = Cookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        using var signedIn = await FormSignIn.PostLoginAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Cookies(signedIn).Single(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal));
        return (auth, antiforgery);
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await production.DisposeAsync();
        await overridden.DisposeAsync();
    }
}
