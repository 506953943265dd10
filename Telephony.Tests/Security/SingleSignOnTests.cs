using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data.Audit;
using Telephony.Data.Identity;
using Telephony.Tests.Web;
using Telephony.Web.Auth;

namespace Telephony.Tests.Security;

/// <summary>
/// Single sign-on driven the way a browser drives it, against a fake OpenID provider on a loopback port: the login page's
/// button, the challenge (PKCE and state), the provider's redirect back, the code redeemed by the app, the Identity cookie
/// and the role the provider's groups map to.
/// </summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private const string AdminGroup = "hotline-admins";
    private const string SupportGroup = "hotline-support";

    private readonly FakeOpenIdProvider provider = new();
    private readonly TelephonyAppFactory app = new();

    public async ValueTask InitializeAsync()
    {
        await provider.StartAsync();
        app.Settings["Authentication:OpenIdConnect:Authority"] = provider.IssuerName;
        app.Settings["Authentication:OpenIdConnect:ClientId"] = FakeOpenIdProvider.ClientId;
        app.Settings["Authentication:OpenIdConnect:ClientSecret"] = FakeOpenIdProvider.ClientSecret;
        app.Settings["Authentication:OpenIdConnect:AdminGroups:0"] = AdminGroup;
        app.Settings["Authentication:OpenIdConnect:SupportGroups:0"] = SupportGroup;
        app.Settings["Authentication:OpenIdConnect:SupportGroups:1"] = "night-shift";
        app.Settings["Authentication:OpenIdConnect:DisplayName"] = "Company SSO";
        app.Settings["Authentication:OpenIdConnect:RequireHttpsMetadata"] = "false";
    }

    [Fact]
    public async Task An_admin_group_member_is_signed_in_as_Admin_and_provisioned_as_a_local_user()
    {
        using var client = app.CreateBrowserlessClient();

        var page = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"sso-button\"", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with Company SSO", page, StringComparison.Ordinal);

        using var back = await SignInAsync(client, new("sub-admin", "boss@company.example", ["everyone", AdminGroup, SupportGroup]), returnUrl: "/users");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/users", back.Headers.Location!.ToString());
        Assert.Contains(back.Headers.GetValues("Set-Cookie"), c => c.StartsWith("telephony.auth=", StringComparison.Ordinal));
        Assert.True(provider.LastVerifierMatched);
        using var users = await client.GetAsync("/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("boss@company.example", await users.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var (user, roles) = await FindAsync("boss@company.example");
        Assert.Equal([Roles.Admin], roles);
        Assert.NotNull(user);
        Assert.False(user.Disabled);
        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AdminAuditLog>().QueryAsync(new AuditFilter(Action: "user-create"), 0, 50, TestContext.Current.CancellationToken);
        Assert.Contains(audit.Entries, e => e.Target == "boss@company.example" && e.UserEmail == "single sign-on");
        Assert.Contains(app.Logs.Entries, e => e.Contains("Single sign-on of boss@company.example as Admin", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains(FakeOpenIdProvider.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_support_group_member_is_Support_and_an_admin_page_answers_403()
    {
        using var client = app.CreateBrowserlessClient();

        using var back = await SignInAsync(client, new("sub-agent", "agent@company.example", ["night-shift"]));

        Assert.Equal("/", back.Headers.Location!.ToString());
        using var voicemail = await client.GetAsync("/voicemail", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, voicemail.StatusCode);
        using var users = await client.GetAsync("/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Equal([Roles.Support], (await FindAsync("agent@company.example")).Roles);
    }

    [Fact]
    public async Task A_group_change_at_the_provider_changes_the_role_at_the_next_sign_in()
    {
        using (var first = app.CreateBrowserlessClient())
        {
            using var _ = await SignInAsync(first, new("sub-mover", "mover@company.example", [AdminGroup]));
        }

        using var second = app.CreateBrowserlessClient();
        using var back = await SignInAsync(second, new("sub-mover", "mover@company.example", [SupportGroup]));

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal([Roles.Support], (await FindAsync("mover@company.example")).Roles);
        using var users = await second.GetAsync("/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task Someone_in_no_mapped_group_is_refused_with_a_message_and_no_cookie()
    {
        using var client = app.CreateBrowserlessClient();

        using var back = await SignInAsync(client, new("sub-outsider", "outsider@company.example", ["everyone", "sales"]));

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/account/login?sso=nomatchinggroup", back.Headers.Location!.ToString());
        Assert.False(back.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal)));
        var page = await client.GetStringAsync(back.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Contains("not in a group that may use this console", page, StringComparison.Ordinal);
        using var voicemail = await client.GetAsync("/voicemail", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, voicemail.StatusCode);
        Assert.Contains("/account/login", voicemail.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null((await FindAsync("outsider@company.example")).User);
    }

    [Fact]
    public async Task A_user_disabled_in_the_console_stays_refused_whatever_the_provider_says()
    {
        var local = await app.CreateUserAsync("leaver@company.example", "Leaver-Password-123", Roles.Support);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(local.Id, disabled: true, actingUserId: null));
        }

        using var client = app.CreateBrowserlessClient();
        using var back = await SignInAsync(client, new("sub-leaver", "leaver@company.example", [AdminGroup]));

        Assert.Equal("/account/login?sso=disabled", back.Headers.Location!.ToString());
        Assert.False(back.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal)));
        Assert.Equal([Roles.Support], (await FindAsync("leaver@company.example")).Roles);
    }

    [Fact]
    public async Task A_forged_callback_without_the_correlation_cookie_signs_nobody_in()
    {
        using var client = app.CreateBrowserlessClient();

        using var forged = await client.GetAsync("/signin-oidc?code=stolen&state=made-up", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("/account/login?sso=failed", forged.Headers.Location!.ToString());
        Assert.Equal(0, provider.TokenRequests);
    }

    [Fact]
    public void Admin_wins_over_Support_and_no_matching_group_maps_to_no_role()
    {
        var options = new SingleSignOnOptions { AdminGroups = [AdminGroup], SupportGroups = [SupportGroup] };

        Assert.Equal(Roles.Admin, SingleSignOn.RoleFor([SupportGroup, AdminGroup], options));
        Assert.Equal(Roles.Support, SingleSignOn.RoleFor([SupportGroup], options));
        Assert.Null(SingleSignOn.RoleFor(["HOTLINE-ADMINS", "other"], options));
        Assert.Null(SingleSignOn.RoleFor([], options));
    }

    /// <summary>Login page button → challenge → the provider's authorize endpoint → back to /signin-oidc with code and state.</summary>
    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, FakeOpenIdProvider.FakeUser user, string? returnUrl = null)
    {
        provider.NextUser = user;
        var start = returnUrl is null ? SingleSignOn.StartPath : $"{SingleSignOn.StartPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";
        using var challenge = await client.GetAsync(start, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(new Uri(provider.Issuer, "authorize").ToString(), authorize.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));

        // The browser at the provider: a plain client, no cookies of the app.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var atProvider = await browser.GetAsync(authorize, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, atProvider.StatusCode);
        var callback = atProvider.Headers.Location!;
        Assert.Equal("/signin-oidc", callback.AbsolutePath);

        return await client.GetAsync(callback.PathAndQuery, TestContext.Current.CancellationToken);
    }

    private async Task<(AppUser? User, IList<string> Roles)> FindAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await provider.DisposeAsync();
    }
}

/// <summary>With <c>Authentication:OpenIdConnect:Authority</c> empty nothing about single sign-on exists.</summary>
public sealed class SingleSignOnDisabledTests(TelephonyAppFactory app) : IClassFixture<TelephonyAppFactory>
{
    [Fact]
    public async Task Without_an_authority_there_is_no_button_no_scheme_and_no_callback()
    {
        using var client = app.CreateBrowserlessClient();

        var page = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("sso-button", page, StringComparison.Ordinal);
        Assert.DoesNotContain(SingleSignOn.StartPath, page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Password\"", page, StringComparison.Ordinal);

        Assert.Null(await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(SingleSignOn.Scheme));
        foreach (var path in new[] { "/signin-oidc?code=x&state=y", SingleSignOn.StartPath })
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }
}
