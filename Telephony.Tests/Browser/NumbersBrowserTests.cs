using Microsoft.Playwright;
using Telephony.Tests.Provisioning;

namespace Telephony.Tests.Browser;

/// <summary>
/// After the app's public address moves, an admin sees in Chromium which numbers still send Twilio to the old one, fixes
/// one from the Numbers page and watches it turn configured there, without reloading; the Transactions page shows the fix.
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
        var fix = page.GetByTestId("transactions-table").Locator("tr", new() { HasText = "reconfigure-webhooks" });
        await Assertions.Expect(fix.GetByTestId("transaction-status")).ToHaveTextAsync("completed");
        await page.Context.DisposeAsync();
    }
}
