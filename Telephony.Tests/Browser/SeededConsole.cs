using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;
using Telephony.Web.Alerts;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>
/// One running console with something on every page (a call in progress, a voicemail in the backlog, a firing alert,
/// a bad signature), and a Support account beside the first admin: the pages as people see them on a working day.
/// </summary>
public sealed class SeededConsole : IAsyncLifetime
{
    public const string SupportEmail = "support-a11y@test.local";
    public const string SupportPassword = "Support-A11y-Pass-1";

    public TelephonyAppFactory App { get; } = new(DatabaseProvider.Sqlite, null, kestrel: true);

    public HotlineHarness Hotline { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        HotlineHarness.Configure(App);
        App.Settings["Alerts:MaxVoicemailBacklog"] = "0";
        Hotline = new HotlineHarness(App);
        BaseUrl = App.ServerAddress.ToString().TrimEnd('/');
        await App.CreateUserAsync(SupportEmail, SupportPassword, Roles.Support);

        await Hotline.CallAsync(HotlineHarness.Caller("9") with { VoicemailTranscript = "Please call me back about my order, it has not arrived yet." });
        using (var ringing = await Hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", NewCallSid()), ("From", HotlineHarness.NextCaller()), ("To", HotlineHarness.HotlineNumber)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, ringing.StatusCode);
        }

        using (var forged = await Hotline.PostAsync("/twilio/voice/frontdoor", [new("CallSid", NewCallSid()), new("From", HotlineHarness.NextCaller())], signature: "forged"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        }

        await App.Services.GetRequiredService<AlertEvaluator>().EvaluateOnceAsync(TestContext.Current.CancellationToken);
    }

    public static string NewCallSid() => "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    /// <summary>Signs in as <paramref name="role"/> (Admin or Support) on <paramref name="path"/>.</summary>
    public Task<IPage> SignInAsync(BrowserFixture browser, string role, string path = "/") =>
        role == Roles.Admin
            ? browser.SignInAsync(BaseUrl, path)
            : browser.SignInAsync(BaseUrl, path, SupportEmail, SupportPassword);

    /// <summary>Opens <paramref name="path"/> in <paramref name="page"/> and waits until its live circuit has drawn the data.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + path);
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
