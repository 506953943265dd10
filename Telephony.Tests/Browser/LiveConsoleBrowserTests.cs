using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;

namespace Telephony.Tests.Browser;

/// <summary>What a support person sees in Chromium: calls and voicemails appear without a reload.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LiveConsoleBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task A_call_placed_through_the_webhooks_appears_on_live_calls_and_overview_within_a_second()
    {
        var calls = await SignedInPageAsync("/calls");
        var overview = await calls.Context.NewPageAsync();
        await overview.GotoAsync(baseUrl + "/");
        await Assertions.Expect(calls.GetByTestId("no-live-calls")).ToBeVisibleAsync();
        await Assertions.Expect(overview.GetByTestId("tile-active-value")).ToHaveTextAsync("0");
        await WaitForCircuitAsync(calls);
        await WaitForCircuitAsync(overview);

        var caller = HotlineHarness.NextCaller();
        using var response = await hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller), ("To", HotlineHarness.HotlineNumber));

        var withinASecond = new LocatorAssertionsToHaveTextOptions { Timeout = 1000 };
        await Assertions.Expect(calls.GetByTestId("live-caller")).ToHaveTextAsync(caller, withinASecond);
        await Assertions.Expect(overview.GetByTestId("tile-active-value")).ToHaveTextAsync("1", withinASecond);
        await Assertions.Expect(overview.GetByTestId("tile-today-value")).ToHaveTextAsync("1", withinASecond);
    }

    [Fact]
    public async Task A_voicemail_left_by_a_caller_appears_in_the_open_inbox_with_its_transcript_and_player()
    {
        var inbox = await SignedInPageAsync("/voicemail");
        await Assertions.Expect(inbox.GetByTestId("inbox-empty")).ToBeVisibleAsync();
        await WaitForCircuitAsync(inbox);

        await hotline.CallAsync(HotlineHarness.Caller("9") with { VoicemailTranscript = "Hello <script>window.pwned=1</script> please call back" });

        await Assertions.Expect(inbox.GetByTestId("voicemail-transcript")).ToHaveTextAsync("Hello <script>window.pwned=1</script> please call back", new() { Timeout = 3000 });
        await Assertions.Expect(inbox.GetByTestId("voicemail-audio")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Null(await inbox.EvaluateAsync<object?>("() => window.pwned ?? null"));
    }

    [Fact]
    public async Task In_simulator_mode_place_a_test_call_rings_goes_to_voicemail_and_lands_in_the_backlog()
    {
        var overview = await SignedInPageAsync("/");
        await WaitForCircuitAsync(overview);
        await Assertions.Expect(overview.GetByTestId("tile-backlog-value")).ToHaveTextAsync("0");

        await overview.GetByTestId("place-test-call").ClickAsync();

        await Assertions.Expect(overview.GetByTestId("test-call-message")).ToContainTextAsync("finished: Completed", new() { Timeout = 20_000 });
        await Assertions.Expect(overview.GetByTestId("tile-backlog-value")).ToHaveTextAsync("1", new() { Timeout = 3000 });
        await Assertions.Expect(overview.GetByTestId("tile-today-value")).ToHaveTextAsync("1");
    }

    private async Task<IPage> SignedInPageAsync(string path)
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + path);
        await page.FillAsync("#email", TelephonyAppFactory.AdminEmail);
        await page.FillAsync("#password", TelephonyAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + path);
        return page;
    }

    // The first render is prerendered HTML; live updates start once the interactive circuit is connected.
    private static async Task WaitForCircuitAsync(IPage page) =>
        await Assertions.Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 10_000 });
}
