using Microsoft.Playwright;
using Telephony.Core.Provisioning;
using Telephony.Tests.Provisioning;
using Telephony.Tests.Web;
using Telephony.Web.Simulator;

namespace Telephony.Tests.Browser;

/// <summary>An admin onboards a tenant from the Transactions page in Chromium and watches its steps complete, live.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class OnboardingBrowserTests(BrowserFixture browser) : ProvisioningBrowserTest(browser)
{
    [Fact]
    public async Task An_admin_onboards_a_tenant_from_the_console_and_watches_each_step_complete()
    {
        // The first attempt to configure the number hangs past the client's timeout, so the step is seen running.
        Harness.Twilio.TimeoutDelay = TimeSpan.FromSeconds(2);
        Harness.Twilio.Inject(new FakeTwilioFault(FakeTwilioOperations.UpdateNumber, FakeTwilioFaultKind.Timeout, Times: 1));
        var page = await Browser.SignInAsync(BaseUrl, "/transactions");

        await page.Locator("input[data-testid=onboard-name], [data-testid=onboard-name] input").First.FillAsync("Browser Dental");
        await page.Locator("input[data-testid=onboard-area-code], [data-testid=onboard-area-code] input").First.FillAsync("604");
        await page.Keyboard.PressAsync("Tab");
        await page.GetByTestId("onboard").ClickAsync();

        var timeline = page.GetByTestId("step-timeline");
        await Assertions.Expect(timeline).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Task StepAsync(string step, string status, int timeout) =>
            Assertions.Expect(timeline.Locator($"[data-step={step}] [data-testid=step-status]")).ToHaveTextAsync(status, new() { Timeout = timeout });

        // Progress shows without a reload: earlier steps done while the hanging one still runs, then all done.
        await StepAsync(ProvisioningSagas.ConfigureNumber, "running", 10_000);
        await StepAsync(ProvisioningSagas.CreateSubaccount, "completed", 1_000);
        await StepAsync(ProvisioningSagas.BuyNumber, "completed", 1_000);
        foreach (var step in ProvisioningSagas.Onboard.Steps)
        {
            await StepAsync(step, "completed", 15_000);
        }

        await Assertions.Expect(page.GetByTestId("transaction-status").First).ToHaveTextAsync("completed", new() { Timeout = 5_000 });
        var number = Assert.Single(Harness.Twilio.Numbers);
        Assert.Equal(TelephonyAppFactory.PublicBaseUrl + "/twilio/voice/frontdoor", number.VoiceUrl);
        Assert.Single(Harness.ActiveSubaccounts());
        await page.Context.DisposeAsync();
    }
}
