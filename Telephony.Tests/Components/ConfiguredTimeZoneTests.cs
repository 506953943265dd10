using Bunit;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

/// <summary><c>Telephony:TimeZone</c> decides the clock every page shows.</summary>
public sealed class ConfiguredTimeZoneTests : ConsoleBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 31, 45, TimeSpan.Zero);

    public ConfiguredTimeZoneTests()
        : base(Now) => Settings["Telephony:TimeZone"] = "America/Vancouver";

    [Fact]
    public void The_overview_shows_the_configured_zones_time_and_label()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("Updated 03:31:45 PST", cut.Find("[data-testid=updated-at]").TextContent.Trim()));
        Assert.Equal("America/Vancouver", cut.Find("[data-testid=updated-at]").GetAttribute("title"));
    }
}
