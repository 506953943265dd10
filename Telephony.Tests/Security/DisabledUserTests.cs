using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data.Identity;
using Telephony.Tests.Web;
using Telephony.Web.Auth;

namespace Telephony.Tests.Security;

/// <summary>An admin disables a user: that user's signed-in sessions end and the account cannot sign in until re-enabled.</summary>
public sealed class DisabledUserTests : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new();

    public DisabledUserTests()
    {
        app.Settings["Security:SessionRevalidationInterval"] = "00:00:00"; // every request re-checks the security stamp
    }

    [Fact]
    public async Task Disabling_a_signed_in_user_ends_their_session_and_blocks_sign_in_until_enabled()
    {
        const string email = "leaver@test.local";
        const string password = "Leaver-Password-123";
        var user = await app.CreateUserAsync(email, password, Roles.Support);
        using var client = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, email, password);
        using (var before = await client.GetAsync("/voicemail", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Empty(await AdministerAsync(a => a.SetDisabledAsync(user.Id, disabled: true, actingUserId: null)));

        using var after = await client.GetAsync("/voicemail", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var again = await FormSignIn.PostLoginAsync(client, email, password);
        Assert.Contains("This account is disabled", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Empty(await AdministerAsync(a => a.SetDisabledAsync(user.Id, disabled: false, actingUserId: null)));
        await FormSignIn.SignInAsync(client, email, password);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_or_the_last_admin()
    {
        var admin = await FindAsync(TelephonyAppFactory.AdminEmail);

        var self = await AdministerAsync(a => a.SetDisabledAsync(admin.Id, disabled: true, actingUserId: admin.Id));
        var last = await AdministerAsync(a => a.SetDisabledAsync(admin.Id, disabled: true, actingUserId: "someone-else"));

        Assert.Equal(["You cannot disable your own account."], self);
        Assert.Equal(["At least one admin must remain."], last);
        Assert.False((await FindAsync(TelephonyAppFactory.AdminEmail)).Disabled);
    }

    private async Task<IReadOnlyList<string>> AdministerAsync(Func<UserAdministration, Task<IReadOnlyList<string>>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private async Task<AppUser> FindAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
