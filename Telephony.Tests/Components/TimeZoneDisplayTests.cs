using Bunit;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

/// <summary>With no <c>Telephony:TimeZone</c> set, the console shows Toronto time, labelled.</summary>
public sealed class TimeZoneDisplayTests() : ConsoleBunitContext(Now)
{
    // 11:31:45 UTC on a December Sunday: 06:31:45 in Toronto (standard time).
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 31, 45, TimeSpan.Zero);

    [Fact]
    public void The_overview_shows_when_it_was_updated_in_Toronto_time_with_the_zone_named()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("Updated 06:31:45 EST", cut.Find("[data-testid=updated-at]").TextContent.Trim()));
        Assert.Equal("America/Toronto", cut.Find("[data-testid=updated-at]").GetAttribute("title"));
    }
}
