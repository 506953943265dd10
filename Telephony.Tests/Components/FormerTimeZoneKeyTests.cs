using Bunit;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

/// <summary>An installation that still sets the zone's former key, <c>Console:TimeZone</c>, keeps its local times.</summary>
public sealed class FormerTimeZoneKeyTests : ConsoleBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 31, 45, TimeSpan.Zero);

    public FormerTimeZoneKeyTests()
        : base(Now) => Settings["Console:TimeZone"] = "America/Vancouver";

    [Fact]
    public void The_former_key_is_honoured_when_Telephony_TimeZone_is_not_set()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("Updated 03:31:45 PST", cut.Find("[data-testid=updated-at]").TextContent.Trim()));
    }
}
