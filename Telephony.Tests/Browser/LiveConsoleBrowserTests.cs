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
        var calls = await browser.SignInAsync(baseUrl, "/calls");
        var overview = await calls.Context.NewPageAsync();
        await overview.GotoAsync(baseUrl + "/");
        await Assertions.Expect(calls.GetByTestId("no-live-calls")).ToBeVisibleAsync();
        await Assertions.Expect(overview.GetByTestId("tile-active-value")).ToHaveTextAsync("0");
        await BrowserFixture.WaitForCircuitAsync(overview);

        // The first call after start pays for compiling the pages' refresh path (several seconds on a loaded CI machine), so
        // it is given time; the console a support person keeps open all day shows every later call within a second.
        var first = await PlaceCallAsync();
        await Assertions.Expect(calls.GetByTestId("live-caller").Filter(new() { HasText = first })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(overview.GetByTestId("tile-active-value")).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        var caller = await PlaceCallAsync();

        await Assertions.Expect(calls.GetByTestId("live-caller").Filter(new() { HasText = caller })).ToBeVisibleAsync(new() { Timeout = 1000 });
        var withinASecond = new LocatorAssertionsToHaveTextOptions { Timeout = 1000 };
        await Assertions.Expect(overview.GetByTestId("tile-active-value")).ToHaveTextAsync("2", withinASecond);
        await Assertions.Expect(overview.GetByTestId("tile-today-value")).ToHaveTextAsync("2", withinASecond);
    }

    private async Task<string> PlaceCallAsync()
    {
        var caller = HotlineHarness.NextCaller();
        using var response = await hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller), ("To", HotlineHarness.HotlineNumber));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return caller;
    }

    [Fact]
    public async Task A_voicemail_left_by_a_caller_appears_in_the_open_inbox_with_its_transcript_and_player()
    {
        var inbox = await browser.SignInAsync(baseUrl, "/voicemail");
        await Assertions.Expect(inbox.GetByTestId("inbox-empty")).ToBeVisibleAsync();

        await hotline.CallAsync(HotlineHarness.Caller("9") with { VoicemailTranscript = "Hello <script>window.pwned=1</script> please call back" });

        await Assertions.Expect(inbox.GetByTestId("voicemail-transcript")).ToHaveTextAsync("Hello <script>window.pwned=1</script> please call back", new() { Timeout = 3000 });
        await Assertions.Expect(inbox.GetByTestId("voicemail-audio")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Null(await inbox.EvaluateAsync<object?>("() => window.pwned ?? null"));
    }

    [Fact]
    public async Task In_simulator_mode_place_a_test_call_rings_goes_to_voicemail_and_lands_in_the_backlog()
    {
        var overview = await browser.SignInAsync(baseUrl, "/");
        await Assertions.Expect(overview.GetByTestId("tile-backlog-value")).ToHaveTextAsync("0");

        await overview.GetByTestId("place-test-call").ClickAsync();

        await Assertions.Expect(overview.GetByTestId("test-call-message")).ToContainTextAsync("finished: Completed", new() { Timeout = 20_000 });
        await Assertions.Expect(overview.GetByTestId("tile-backlog-value")).ToHaveTextAsync("1", new() { Timeout = 3000 });
        await Assertions.Expect(overview.GetByTestId("tile-today-value")).ToHaveTextAsync("1");
    }
}
