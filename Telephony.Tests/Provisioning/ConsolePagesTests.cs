using System.Net;
using Telephony.Tests.Web;

namespace Telephony.Tests.Provisioning;

public sealed class ConsolePagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_sees_the_onboarded_tenant_its_number_and_its_transaction_in_the_console()
    {
        await using var harness = ProvisioningHarness.Start();
        using var api = harness.AdminClient();
        await ProvisioningHarness.WaitForEndAsync(api, await ProvisioningHarness.OnboardAsync(api, "Console Co", "604"));
        var number = Assert.Single(harness.Twilio.Numbers);
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = harness.App.ServerAddress,
        };
        await FormSignIn.SignInAsync(browser, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        var numbersPage = WebUtility.HtmlDecode(await browser.GetStringAsync("/numbers", Ct));
        var transactionsPage = WebUtility.HtmlDecode(await browser.GetStringAsync("/transactions", Ct));

        Assert.Contains(number.PhoneNumber, numbersPage, StringComparison.Ordinal);
        Assert.Contains("Console Co", numbersPage, StringComparison.Ordinal);
        Assert.Contains("configured", numbersPage, StringComparison.Ordinal);
        Assert.Contains("Onboard a tenant", transactionsPage, StringComparison.Ordinal);
        Assert.Contains("onboard-tenant", transactionsPage, StringComparison.Ordinal);
        Assert.Contains("completed", transactionsPage, StringComparison.Ordinal);
    }
}
