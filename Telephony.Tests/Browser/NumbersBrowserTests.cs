using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Telephony.Tests.Provisioning;

namespace Telephony.Tests.Browser;

/// <summary>
/// After the app's public address moves, an admin sees in Chromium which numbers still send Twilio to the old one, fixes
/// one from the Numbers page and watches it turn configured there, without reloading; the Transactions page shows the fix.
/// An admin also submits a porting request from the Numbers page, advances it, and cancels it after confirming.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NumbersBrowserTests(BrowserFixture browser) : ProvisioningBrowserTest(browser)
{
    private const string NewBaseUrl = "https://moved-hotline.example.org";

    [Fact]
    public async Task An_admin_fixes_a_number_left_on_the_old_public_address_and_watches_it_turn_configured()
    {
        using (var api = Harness.AdminClient())
        {
            await ProvisioningHarness.WaitForEndAsync(api, await ProvisioningHarness.OnboardAsync(api, "Moved Co", "604"));
        }

        Harness.ChangePublicBaseUrl(NewBaseUrl);
        var page = await Browser.SignInAsync(BaseUrl, "/numbers");
        var numbers = page.GetByTestId("numbers-table");
        await Assertions.Expect(numbers.GetByTestId("configuration-status")).ToHaveTextAsync("misconfigured");

        await numbers.GetByTestId("fix-configuration").ClickAsync();
        await Assertions.Expect(page.GetByText("follow it on the Transactions page")).ToBeVisibleAsync(new() { Timeout = 5_000 });

        // The page redraws itself as the fix completes: no reload.
        await Assertions.Expect(numbers.GetByTestId("configuration-status")).ToHaveTextAsync("configured", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("fix-configuration")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("fix-all-configuration")).ToHaveCountAsync(0);
        await Assertions.Expect(numbers.GetByText(NewBaseUrl + "/twilio/voice/frontdoor")).ToBeVisibleAsync();
        Assert.Equal(NewBaseUrl + "/twilio/voice/frontdoor", Assert.Single(Harness.Twilio.Numbers).VoiceUrl);

        await page.GotoAsync(BaseUrl + "/transactions");
        var fix = page.GetByTestId("transactions-table").Locator("tr", new() { HasText = "Webhook reconfiguration" });
        await Assertions.Expect(fix.GetByTestId("transaction-status")).ToHaveTextAsync("completed");
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_submits_a_porting_request_from_the_numbers_page_and_advances_it()
    {
        var page = await Browser.SignInAsync(BaseUrl, "/numbers");
        await Assertions.Expect(page.GetByTestId("porting-empty")).ToBeVisibleAsync();

        await page.GetByLabel("Number to port (E.164)").FillAsync("+16045550177");
        await page.GetByLabel("Losing carrier").FillAsync("Legacy Phone Co");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit porting request" }).ClickAsync();

        var row = page.GetByTestId("porting-table").Locator("tr", new() { HasText = "+16045550177" });
        await Assertions.Expect(row.GetByTestId("porting-state")).ToHaveTextAsync("submitted", new() { Timeout = 5_000 });
        await Assertions.Expect(row).ToContainTextAsync("Legacy Phone Co");

        await row.GetByRole(AriaRole.Button, new() { Name = "Advance to in review: +16045550177" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("porting-state")).ToHaveTextAsync("in review", new() { Timeout = 5_000 });

        using var api = Harness.AdminClient();
        var listed = Assert.Single(await api.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/api/porting", TestContext.Current.CancellationToken) ?? []);
        Assert.Equal("in-review", listed.GetProperty("state").GetString());

        // The confirmation step is as accessible as the rest of the page (axe-core, WCAG 2.1 AA), and confirming cancels.
        await row.GetByRole(AriaRole.Button, new() { Name = "Cancel: +16045550177" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("porting-confirmation")).ToBeVisibleAsync();
        // The snackbars fade in over half a second; axe measures contrast as rendered, so it runs once they are opaque.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the request" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("porting-state")).ToHaveTextAsync("cancelled", new() { Timeout = 5_000 });
        await page.Context.DisposeAsync();
    }
}
