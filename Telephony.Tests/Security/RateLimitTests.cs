using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Telephony.Tests.Web;

namespace Telephony.Tests.Security;

/// <summary>Sign-in posts per client address and admin API calls per caller are limited; the next one gets 429.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string ApiKey = "rate-limit-test-key-0123456789";
    private readonly TelephonyAppFactory app = new();

    public RateLimitTests()
    {
        app.Settings["Security:RateLimits:SignInPerMinute"] = "3";
        app.Settings["Security:RateLimits:ApiPerMinute"] = "3";
        app.Settings["Bootstrap:ApiKey"] = ApiKey;
    }

    [Fact]
    public async Task The_fourth_sign_in_post_in_a_minute_gets_429_with_a_friendly_page()
    {
        using var client = app.CreateBrowserlessClient();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await FormSignIn.PostLoginAsync(client, "nobody@test.local", "Wrong-Password-0000");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        // Even the right password waits: the limit is on attempts, before any password is checked.
        using var throttled = await FormSignIn.PostLoginAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        var html = await throttled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("60", throttled.Headers.RetryAfter!.ToString());
        Assert.Contains("Too many sign-in attempts", html, StringComparison.Ordinal);
        Assert.False(throttled.Headers.Contains("Set-Cookie") && throttled.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal)));

        // Reading the login page is not limited.
        using var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_fourth_api_call_in_a_minute_gets_429_problem_details_and_other_callers_are_unaffected()
    {
        using var keyClient = app.CreateBrowserlessClient();
        keyClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await keyClient.GetAsync("/api/tenants", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var throttled = await keyClient.GetAsync("/api/tenants", TestContext.Current.CancellationToken);
        using var problem = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType!.MediaType);
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("60", throttled.Headers.RetryAfter!.ToString());

        // A signed-in admin is another caller with their own allowance.
        using var cookieClient = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(cookieClient, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        using var other = await cookieClient.GetAsync("/api/tenants", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
