using System.Net;
using System.Text.Json;
using Telephony.Web.Auth;

namespace Telephony.Tests.Web;

public sealed class SignInTests(TelephonyAppFactory app) : IClassFixture<TelephonyAppFactory>
{
    [Fact]
    public async Task An_anonymous_visit_to_the_console_redirects_to_the_login_page()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/calls")]
    [InlineData("/voicemail")]
    [InlineData("/users")]
    [InlineData("/numbers")]
    public async Task Every_console_page_needs_a_signed_in_user(string path)
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_admin_signs_in_and_sees_the_console()
    {
        using var client = app.CreateBrowserlessClient();

        await FormSignIn.SignInAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Overview", html, StringComparison.Ordinal);
        Assert.Contains(TelephonyAppFactory.AdminEmail, html, StringComparison.Ordinal);
        Assert.Contains("href=\"users\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_rejected_with_a_message()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await FormSignIn.PostLoginAsync(client, TelephonyAppFactory.AdminEmail, "not-the-password");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That email and password do not match.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("telephony.auth", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        const string email = "lockme@test.local";
        const string password = "Right-Password-1234";
        await app.CreateUserAsync(email, password, Roles.Support);
        using var client = app.CreateBrowserlessClient();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await FormSignIn.PostLoginAsync(client, email, "Wrong-Password-0000");
        }

        using var right = await FormSignIn.PostLoginAsync(client, email, password);
        var html = await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_support_user_gets_403_on_admin_pages_but_reaches_support_pages()
    {
        const string email = "support@test.local";
        const string password = "Support-Password-42";
        await app.CreateUserAsync(email, password, Roles.Support);
        using var client = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, email, password);

        using var users = await client.GetAsync("/users", TestContext.Current.CancellationToken);
        using var numbers = await client.GetAsync("/numbers", TestContext.Current.CancellationToken);
        using var voicemail = await client.GetAsync("/voicemail", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Contains("have access to this page", await users.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, numbers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, voicemail.StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await FormSignIn.PostLoginAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword, "//evil.example.com/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_answers_anonymously_as_json_and_ready_checks_the_database()
    {
        using var client = app.CreateBrowserlessClient();

        using var live = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var readyJson = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("application/json; charset=utf-8", live.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", readyJson.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", readyJson.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_page_answers_404_with_a_readable_message()
    {
        using var client = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        using var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
