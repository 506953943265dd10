using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Telephony.Tests.Hotline;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>
/// WCAG 2.1 AA on every console page, as Admin and as Support (axe-core in Chromium), keyboard focus that shows, and
/// live updates announced to screen readers without moving focus.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser, SeededConsole console) : IClassFixture<SeededConsole>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Support)]
    public async Task Every_page_the_role_may_open_has_no_serious_or_critical_WCAG_21_AA_violation(string role)
    {
        var page = await console.SignInAsync(browser, role);
        var report = new StringBuilder();
        var audited = 0;

        foreach (var (path, name) in ConsolePages.For(role))
        {
            await console.OpenAsync(page, path);
            var result = await page.RunAxe(Wcag21AA);
            audited++;
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{name} ({path}): [{violation.Impact}] {violation.Id}: {violation.Help}");
                foreach (var node in violation.Nodes.Take(5))
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"    {node.Target} :: {node.Html} :: {string.Join("; ", node.Any.Concat(node.All).Select(c => c.Message))}");
                }
            }
        }

        Assert.Equal(role == Roles.Admin ? ConsolePages.All.Length : ConsolePages.All.Count(p => p.Support), audited);
        Assert.True(report.Length == 0, $"WCAG 2.1 AA violations as {role}:\n{report}");
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_WCAG_21_AA_violation()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(console.BaseUrl + "/account/login");

        var result = await page.RunAxe(Wcag21AA);

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Tabbing_reaches_the_voicemail_actions_and_the_focused_control_shows_an_outline()
    {
        var page = await console.SignInAsync(browser, Roles.Support, "/voicemail");
        await Assertions.Expect(page.GetByTestId("voicemail-table")).ToBeVisibleAsync();

        string? outline = null;
        for (var i = 0; i < 60 && outline is null; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            outline = await page.EvaluateAsync<string?>(
                "() => { const e = document.activeElement; if (!e || e.getAttribute('aria-label') !== 'Claim') return null; const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth; }");
        }

        Assert.NotNull(outline);
        Assert.StartsWith("solid", outline, StringComparison.Ordinal);
        Assert.NotEqual("solid 0px", outline);

        // Enter on the focused Claim button claims the voicemail: the keyboard is enough.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("voicemail-table").GetByText("Claimed").First).ToBeVisibleAsync(new() { Timeout = 5000 });
    }

    [Fact]
    public async Task A_call_timeline_opens_from_the_keyboard()
    {
        var page = await console.SignInAsync(browser, Roles.Support, "/calls");
        var show = page.GetByRole(AriaRole.Button, new() { Name = "Show the call's timeline" }).First;
        await show.FocusAsync();

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("call-timeline")).ToBeVisibleAsync(new() { Timeout = 5000 });
        // Toronto time, labelled (EST in winter, EDT in summer).
        await Assertions.Expect(page.GetByTestId("call-timeline")).ToContainTextAsync(new Regex(@"\d\d:\d\d:\d\d E[SD]T"));
    }

    [Fact]
    public async Task A_new_call_is_announced_in_the_polite_live_region_without_moving_focus()
    {
        var page = await console.SignInAsync(browser, Roles.Support, "/voicemail");
        var region = page.GetByTestId("live-announcer");
        await Assertions.Expect(region).ToHaveAttributeAsync("aria-live", "polite");
        var search = page.GetByLabel("Search transcripts or caller");
        await search.FocusAsync();

        using var response = await console.Hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", SeededConsole.NewCallSid()), ("From", HotlineHarness.NextCaller()), ("To", HotlineHarness.HotlineNumber));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        await Assertions.Expect(region).ToContainTextAsync("New call", new() { Timeout = 5000 });
        Assert.True(await search.EvaluateAsync<bool>("e => e === document.activeElement"), "The announcement moved the keyboard focus.");
    }
}
