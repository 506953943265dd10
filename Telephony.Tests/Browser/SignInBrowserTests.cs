using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Tests.Web;

namespace Telephony.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new(DatabaseProvider.Sqlite, null, kestrel: true);

    [Fact]
    public async Task An_admin_signs_in_in_chromium_and_sees_the_console()
    {
        var page = await browser.Browser.NewPageAsync();
        var baseUrl = app.ServerAddress.ToString().TrimEnd('/');

        await page.GotoAsync(baseUrl + "/voicemail");
        Assert.StartsWith(baseUrl + "/account/login", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#email", TelephonyAppFactory.AdminEmail);
        await page.FillAsync("#password", TelephonyAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(baseUrl + "/voicemail");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Voicemail");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(TelephonyAppFactory.AdminEmail);

        // Interactive navigation works once the circuit is up: the nav link swaps the page without a reload. (A click on
        // the prerendered page while the circuit is still starting is lost on a loaded host: wait for it first.)
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.ClickAsync("a.mud-nav-link:has-text('Users')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Users");
        await Assertions.Expect(page.GetByTestId("users-table")).ToContainTextAsync(TelephonyAppFactory.AdminEmail);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
