using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Data.Voicemail;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;
using Telephony.Web.Alerts;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>A firing alert reaches every open console, and recordings are for admins only, audited.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AlertsAndAudioBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task A_firing_alert_appears_in_the_app_bar_of_an_open_page_without_reload()
    {
        var page = await browser.SignInAsync(baseUrl, "/calls");
        await Assertions.Expect(page.GetByTestId("open-alerts-warning")).ToHaveCountAsync(0);

        for (var i = 0; i < 11; i++)
        {
            await hotline.CallAsync(HotlineHarness.Caller("9"));
        }

        await app.Services.GetRequiredService<AlertEvaluator>().EvaluateOnceAsync(TestContext.Current.CancellationToken);

        await Assertions.Expect(page.GetByTestId("open-alerts-warning")).ToBeVisibleAsync(new() { Timeout = 2000 });
    }

    [Fact]
    public async Task Support_gets_403_on_a_recording_while_an_admin_plays_it_in_the_inbox_and_the_play_is_audited()
    {
        var call = await hotline.CallAsync(HotlineHarness.Caller("9"));
        var voicemail = await hotline.EventuallyAsync(
            db => db.Voicemails.AsNoTracking().SingleAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken),
            v => v.AudioStatus == AudioStatus.Fetched);
        await app.CreateUserAsync("support-browser@test.local", "Support-Browser-Pass-1", Roles.Support);

        var support = await browser.SignInAsync(baseUrl, "/voicemail", "support-browser@test.local", "Support-Browser-Pass-1");
        await Assertions.Expect(support.GetByTestId("voicemail-transcript")).ToHaveCountAsync(1);
        await Assertions.Expect(support.Locator("audio")).ToHaveCountAsync(0);
        var denied = await support.GotoAsync($"{baseUrl}/voicemail/{voicemail.Id}/audio");
        Assert.Equal(403, denied!.Status);

        var admin = await browser.SignInAsync(baseUrl, "/voicemail");
        var audio = admin.GetByTestId("voicemail-audio");
        await Assertions.Expect(audio).ToBeVisibleAsync();
        await audio.EvaluateAsync("a => { a.muted = true; return a.play(); }");

        var plays = await hotline.EventuallyAsync(
            db => db.RecordingAccesses.CountAsync(a => a.VoicemailId == voicemail.Id && a.Action == RecordingAccessAction.Play && a.UserEmail == TelephonyAppFactory.AdminEmail, TestContext.Current.CancellationToken),
            n => n > 0, timeoutSeconds: 10);
        Assert.Equal(1, plays);
    }
}
