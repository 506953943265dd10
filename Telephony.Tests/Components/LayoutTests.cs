using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Auth;
using Telephony.Web.Components.Layout;

namespace Telephony.Tests.Components;

public sealed class LayoutTests : MudBunitContext, IAsyncLifetime
{
    private readonly SqliteDatabase database = new();

    // The app bar shows open alerts, so the layout needs the alert store behind it.
    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        Services.AddTelephonyData(DatabaseProvider.Sqlite, database.ConnectionString);
        Services.AddOptions<Telephony.Web.Components.Common.HotlineTimeZoneOptions>();
        Services.AddSingleton<Telephony.Web.Components.Common.ConsoleClock>();
        Services.AddSingleton<AlertStore>();
        Services.AddSingleton<Telephony.Web.Localization.LanguagePreference>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_app_bar_shows_open_alerts_on_every_page()
    {
        await using (var db = database.CreateDbContext())
        {
            db.Alerts.Add(new Alert { RuleKey = "database-failures", Severity = AlertSeverity.Critical, Status = AlertStatus.Firing, FiredAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        UseInteractiveRenderer();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        cut.WaitForAssertion(() => Assert.Equal("1 critical", cut.Find("header [data-testid=open-alerts-critical]").TextContent.Trim()));
    }

    [Fact]
    public void An_admin_sees_every_section_including_the_admin_ones()
    {
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);

        UseInteractiveRenderer();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Live calls", "Voicemail", "Consent", "Alerts", "Errors", "Reports", "Transactions", "Numbers", "Users", "Caller data", "Audit log", "Settings"], links);
        Assert.Equal("admin@test.local", cut.Find("[data-testid=signed-in-user]").TextContent);
        Assert.NotNull(cut.Find("#body"));
        Assert.Contains("Sign out", cut.Find("form[action='account/logout']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Support_staff_do_not_see_the_admin_sections()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        UseInteractiveRenderer();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Live calls", "Voicemail", "Consent", "Alerts", "Errors", "Reports"], links);
        Assert.DoesNotContain("Admin", cut.Find(".mud-navmenu").TextContent, StringComparison.Ordinal);
    }

}
