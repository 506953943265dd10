using Microsoft.Playwright;
using Telephony.Tests.Web;

namespace Telephony.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright. Fails loudly when Chromium is missing: browser tests never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath}; ./test.sh installs Debian's 'chromium' package.");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context signed in through the login form, on <paramref name="path"/>, with the live circuit up
    /// (the first render is prerendered HTML; live updates start once the interactive circuit is connected).
    /// </summary>
    public async Task<IPage> SignInAsync(
        string baseUrl, string path, string email = TelephonyAppFactory.AdminEmail, string password = TelephonyAppFactory.AdminPassword, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + path);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + path);
        await WaitForCircuitAsync(page);
        return page;
    }

    public static async Task WaitForCircuitAsync(IPage page) =>
        await Assertions.Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 10_000 });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
