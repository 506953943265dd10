using Microsoft.Playwright;

namespace Telephony.Tests.Browser;

/// <summary>An admin changes a tile's limits on the Settings page and an Overview already open elsewhere recolours the tile.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SettingsBrowserTests(BrowserFixture browser, SeededConsole console) : IClassFixture<SeededConsole>
{
    [Fact]
    public async Task A_lower_backlog_limit_saved_on_the_Settings_page_turns_the_open_Overviews_backlog_tile_amber()
    {
        var overview = await console.SignInAsync(browser, Telephony.Web.Auth.Roles.Admin);
        await console.OpenAsync(overview, "/");
        var tile = overview.GetByTestId("tile-backlog");
        await Assertions.Expect(tile).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("tone-good")); // one voicemail waiting, amber above 5

        var settings = await overview.Context.NewPageAsync();
        await console.OpenAsync(settings, "/settings");
        await settings.GetByLabel("Voicemail backlog: amber above (messages)").FillAsync("0");
        await settings.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(settings.GetByTestId("settings-outcome")).ToContainTextAsync("Saved: 1 setting(s) changed");

        // The Overview tab was not reloaded: the change feed redrew it.
        await Assertions.Expect(tile).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("tone-warning"), new() { Timeout = 10_000 });
        Assert.Equal(overview.Url, console.BaseUrl + "/");
    }
}
