using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>Every page fits the window: no sideways scrolling on a laptop, a desktop monitor or a tablet.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LayoutBrowserTests(BrowserFixture browser, SeededConsole console) : IClassFixture<SeededConsole>
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1440, 900)]
    [InlineData(768, 1024)]
    public async Task No_page_scrolls_sideways(int width, int height)
    {
        var page = await console.SignInAsync(browser, Roles.Admin);
        await page.SetViewportSizeAsync(width, height);
        var report = new StringBuilder();

        foreach (var (path, name) in ConsolePages.For(Roles.Admin))
        {
            await console.OpenAsync(page, path);
            var fit = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (fit[0] > fit[1])
            {
                var widest = await page.EvaluateAsync<string>(
                    """
                    () => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                        .slice(-3).map(e => e.tagName + '.' + [...e.classList].join('.') + ' ' + (e.getAttribute('data-testid') ?? '')).join(' | ')
                    """);
                report.AppendLine(CultureInfo.InvariantCulture, $"{name} ({path}): scrollWidth {fit[0]} > clientWidth {fit[1]}: {widest}");
            }

            // A table that scrolls inside its own box hides its last columns (the row's buttons) just the same.
            var scrollingTables = await page.EvaluateAsync<string>(
                """
                () => [...document.querySelectorAll('.mud-table-container, .mud-simple-table')]
                    .filter(e => e.scrollWidth > e.clientWidth + 1)
                    .map(e => (e.closest('[data-testid]')?.getAttribute('data-testid') ?? e.className) + ' ' + e.scrollWidth + '>' + e.clientWidth).join(' | ')
                """);
            if (scrollingTables.Length > 0)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{name} ({path}): table scrolls sideways: {scrollingTables}");
            }
        }

        Assert.True(report.Length == 0, $"At {width}×{height}:\n{report}");
    }

    [Fact]
    public async Task At_tablet_width_the_navigation_folds_away_and_tables_become_cards()
    {
        var page = await console.SignInAsync(browser, Roles.Support);
        await page.SetViewportSizeAsync(768, 1024);
        await console.OpenAsync(page, "/voicemail");

        await Assertions.Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("voicemail-table").Locator("thead")).ToBeHiddenAsync();

        await page.GetByLabel("Toggle navigation").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Live calls" })).ToBeVisibleAsync();
    }
}
