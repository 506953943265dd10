using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;

namespace Telephony.Tests.Browser;

/// <summary>
/// The wallboard on a TV: an admin makes a link on the Users page, a browser nobody signed in on opens it, sees the
/// figures change as calls arrive, and is refused once the link is revoked.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class WallboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new(DatabaseProvider.Sqlite, null, kestrel: true);
    private HotlineHarness hotline = null!;
    private string baseUrl = "";

    public ValueTask InitializeAsync()
    {
        HotlineHarness.Configure(app);
        hotline = new HotlineHarness(app);
        baseUrl = app.ServerAddress.ToString().TrimEnd('/');
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_wallboard_link_shows_live_figures_without_signing_in_until_it_is_revoked()
    {
        var users = await browser.SignInAsync(baseUrl, "/users");
        await users.GetByLabel("Where is the TV?").FillAsync("Support floor TV");
        await users.GetByTestId("create-wallboard-token").ClickAsync();
        var link = (await users.GetByTestId("wallboard-link").TextContentAsync())!.Trim();
        Assert.StartsWith(baseUrl + "/wallboard?token=wb_", link, StringComparison.Ordinal);

        var tvContext = await browser.Browser.NewContextAsync();
        var tv = await tvContext.NewPageAsync();
        await tv.GotoAsync(link);
        Assert.Equal(link, tv.Url); // no detour through the sign-in page
        await BrowserFixture.WaitForCircuitAsync(tv);
        await Assertions.Expect(tv.GetByTestId("wallboard-active-value")).ToHaveTextAsync("0");
        await Assertions.Expect(tv.GetByTestId("wallboard-queue-empty")).ToBeVisibleAsync();
        await Assertions.Expect(tv.GetByTestId("wallboard-updated")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Updated \d\d:\d\d:\d\d E[SD]T$"));

        using (var response = await hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", SeededConsole.NewCallSid()), ("From", HotlineHarness.NextCaller()), ("To", HotlineHarness.HotlineNumber)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        // Without a reload: the circuit redraws from the change feed.
        await Assertions.Expect(tv.GetByTestId("wallboard-active-value")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Assertions.Expect(tv.GetByTestId("wallboard-today-value")).ToHaveTextAsync("1");

        // The link opens the wallboard and nothing else.
        var other = await tvContext.NewPageAsync();
        await other.GotoAsync(baseUrl + "/calls?token=" + link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Contains("/account/login", other.Url, StringComparison.Ordinal);

        await users.GetByTestId("revoke-wallboard-token").ClickAsync();
        await Assertions.Expect(users.GetByTestId("wallboard-token-state")).ToHaveTextAsync("revoked");

        await Assertions.Expect(tv.GetByTestId("wallboard-invalid")).ToContainTextAsync("This wallboard link is no longer valid", new() { Timeout = 10_000 });
        await tv.ReloadAsync();
        await Assertions.Expect(tv.GetByTestId("wallboard-invalid")).ToContainTextAsync("This wallboard link is no longer valid");
        Assert.Equal(link, tv.Url);
        await Assertions.Expect(tv.GetByTestId("wallboard")).ToHaveCountAsync(0);
        await tvContext.CloseAsync();
    }

    [Fact]
    public async Task The_wallboard_with_a_waiting_voicemail_has_no_serious_or_critical_WCAG_21_AA_violation()
    {
        await hotline.CallAsync(HotlineHarness.Caller("9") with { VoicemailTranscript = "Please call me back." });
        var page = await browser.SignInAsync(baseUrl, "/wallboard");
        await Assertions.Expect(page.GetByTestId("wallboard-queue-row")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})")).ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        // No navigation on a TV.
        await Assertions.Expect(page.Locator("nav, .mud-drawer, .mud-appbar")).ToHaveCountAsync(0);
    }
}
