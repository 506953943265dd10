using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Identity;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

public sealed class UsersPageTests : MudBunitContext, IAsyncLifetime
{
    private readonly SqliteDatabase database = new();

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        Services.AddLogging();
        Services.AddHttpContextAccessor();
        Services.AddTelephonyData(DatabaseProvider.Sqlite, database.ConnectionString);
        Services.AddOptions<Telephony.Web.Components.Common.HotlineTimeZoneOptions>();
        Services.AddSingleton<Telephony.Web.Components.Common.ConsoleClock>();
        Services.AddIdentity<AppUser, IdentityRole>(o => o.Password.RequiredLength = 12).AddEntityFrameworkStores<TelephonyDbContext>();
        Services.AddScoped<UserAdministration>();
        Services.AddSingleton<Telephony.Web.Api.ApiKeyAdministration>();
        Services.AddSingleton<Telephony.Web.Wallboard.WallboardTokens>();
        var roles = Services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void An_admin_adds_a_support_user_who_then_appears_in_the_table()
    {
        var cut = Render<UsersPage>();

        cut.Find("input[data-testid=new-user-email]").Change("newcomer@test.local");
        cut.Find("input[data-testid=new-user-password]").Change("A-Long-Enough-Pass-1");
        cut.Find("[data-testid=add-user]").Click();

        cut.WaitForAssertion(() => Assert.Contains("newcomer@test.local", cut.Find("[data-testid=users-table]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Support", cut.Find("[data-testid=users-table]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=user-error]"));
    }

    [Fact]
    public void A_weak_password_is_refused_with_identitys_reason()
    {
        var cut = Render<UsersPage>();

        cut.Find("input[data-testid=new-user-email]").Change("weak@test.local");
        cut.Find("input[data-testid=new-user-password]").Change("short");
        cut.Find("[data-testid=add-user]").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=user-error]"), e => e.TextContent.Contains("at least 12 characters", StringComparison.Ordinal)));
    }
}
