using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>
/// A person switches the console to French with the picker in the app bar: every page follows, and so does their next
/// sign-in. Before anyone signs in, the sign-in page speaks the browser's language.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LanguageBrowserTests(BrowserFixture browser, SeededConsole console) : IClassFixture<SeededConsole>
{
    // The navigation's English labels; "Transactions" is the same word in French.
    private static readonly string[] EnglishLabels = [.. ConsolePages.All.Select(p => p.Name).Where(n => n != "Transactions"), "Admin"];

    [Fact]
    public async Task After_picking_french_every_page_is_in_french_and_so_is_the_next_sign_in()
    {
        var page = await console.SignInAsync(browser, Roles.Admin);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // From the keyboard: the picker is a named button that opens a menu of the two languages.
        var picker = page.GetByRole(AriaRole.Button, new() { Name = "Language (English)" });
        await picker.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("language-fr-CA").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA", new() { Timeout = 10_000 });
        Assert.Equal(console.BaseUrl + "/", page.Url);

        foreach (var (path, name) in ConsolePages.For(Roles.Admin))
        {
            await console.OpenAsync(page, path);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA");
            var navigation = await page.Locator(".mud-drawer").TextContentAsync() ?? "";
            var appBar = await page.Locator("header").TextContentAsync() ?? "";
            var english = EnglishLabels.Where(label => Regex.IsMatch(navigation + "\n" + appBar, $@"\b{Regex.Escape(label)}\b")).ToList();
            Assert.True(english.Count == 0, $"{name} ({path}) still shows {string.Join(", ", english)}:\n{navigation}\n{appBar}");
            Assert.Contains("Se déconnecter", appBar, StringComparison.Ordinal);
            Assert.DoesNotContain("Hotline console", await page.TitleAsync(), StringComparison.Ordinal);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Langue (Français)" })).ToBeVisibleAsync();

        // Signing out and in again, in another browser, comes back in French: the choice is stored with the user.
        var again = await browser.SignInAsync(console.BaseUrl, "/calls");
        await Assertions.Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA");
        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Appels en direct", Level = 1 })).ToBeVisibleAsync();
        await again.Context.CloseAsync();

        // And back to English.
        await page.GetByRole(AriaRole.Button, new() { Name = "Langue (Français)" }).ClickAsync();
        await page.GetByTestId("language-en").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en", new() { Timeout = 10_000 });
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Live calls" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Before_sign_in_the_login_page_follows_the_browsers_language()
    {
        await using var french = await browser.Browser.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "fr-FR,fr;q=0.9,en;q=0.5" } });
        var page = await french.NewPageAsync();
        await page.GotoAsync(console.BaseUrl + "/voicemail");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA");
        await Assertions.Expect(page.GetByLabel("Courriel")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Mot de passe")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Se connecter");
        Assert.Contains("Console de la ligne d'assistance", await page.TitleAsync(), StringComparison.Ordinal);

        await using var english = await browser.Browser.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en-CA,en;q=0.9,fr;q=0.5" } });
        var englishPage = await english.NewPageAsync();
        await englishPage.GotoAsync(console.BaseUrl + "/account/login");
        await Assertions.Expect(englishPage.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(englishPage.Locator("button[type=submit]")).ToHaveTextAsync("Sign in");
    }
}
