using Bunit;
using Microsoft.AspNetCore.Components;
using Telephony.Web.Auth;
using Telephony.Web.Components.Layout;

namespace Telephony.Tests.Components;

public sealed class LayoutTests : MudBunitContext
{
    [Fact]
    public void An_admin_sees_every_section_including_the_admin_ones()
    {
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);

        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Live calls", "Voicemail", "Consent", "Alerts", "Errors", "Transactions", "Numbers", "Users"], links);
        Assert.Equal("admin@test.local", cut.Find("[data-testid=signed-in-user]").TextContent);
        Assert.NotNull(cut.Find("#body"));
        Assert.Contains("Sign out", cut.Find("form[action='account/logout']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Support_staff_do_not_see_the_admin_sections()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Live calls", "Voicemail", "Consent", "Alerts", "Errors"], links);
        Assert.DoesNotContain("Admin", cut.Find(".mud-navmenu").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_not_built_yet_say_so_and_what_they_will_show()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<Telephony.Web.Components.Pages.LiveCalls>();

        Assert.Equal("Live calls", cut.Find("h1").TextContent);
        Assert.Contains("Not built yet.", cut.Find("[data-testid=not-built-yet]").TextContent, StringComparison.Ordinal);
    }
}
