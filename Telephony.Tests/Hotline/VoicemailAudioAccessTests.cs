using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Voicemail;
using Telephony.Tests.Web;
using Telephony.Web.Auth;

namespace Telephony.Tests.Hotline;

/// <summary>Recordings are for admins only, and every play or download is audited with who and when.</summary>
public sealed class VoicemailAudioAccessTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    private HotlineHarness Hotline => fixture.Hotline;

    [Fact]
    public async Task Support_gets_403_on_audio_while_an_admin_plays_it_and_the_play_is_audited()
    {
        var voicemail = await LeaveVoicemailAsync();
        await Hotline.App.CreateUserAsync("support-audio@test.local", "Support-Audio-Pass-1", Roles.Support);
        using var support = Hotline.App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(support, "support-audio@test.local", "Support-Audio-Pass-1");
        using var admin = Hotline.App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(admin, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        using var denied = await support.GetAsync($"/voicemail/{voicemail.Id}/audio", TestContext.Current.CancellationToken);
        using var played = await admin.GetAsync($"/voicemail/{voicemail.Id}/audio", TestContext.Current.CancellationToken);
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/voicemail/{voicemail.Id}/audio");
        rangeRequest.Headers.Range = new RangeHeaderValue(100, 199);
        using var ranged = await admin.SendAsync(rangeRequest, TestContext.Current.CancellationToken);
        using var downloaded = await admin.GetAsync($"/voicemail/{voicemail.Id}/audio?download=true", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal("audio/mpeg", played.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(100, (await ranged.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
        Assert.Equal("attachment", downloaded.Content.Headers.ContentDisposition!.DispositionType);

        var audit = await Hotline.QueryAsync(db => db.RecordingAccesses.Where(a => a.VoicemailId == voicemail.Id).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([RecordingAccessAction.Play, RecordingAccessAction.Download], audit.Select(a => a.Action).ToList());
        Assert.All(audit, a => Assert.Equal(TelephonyAppFactory.AdminEmail, a.UserEmail));
        var adminLog = await Hotline.QueryAsync(db => db.AdminAuditEntries.Where(a => a.Target == voicemail.RecordingSid).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["recording-play", "recording-download"], adminLog.Select(a => a.Action).ToList());
        Assert.All(adminLog, a => Assert.Equal(TelephonyAppFactory.AdminEmail, a.UserEmail));
    }

    [Theory]
    [InlineData("/voicemail/..%2f..%2fappsettings.json/audio")]
    [InlineData("/voicemail/not-a-guid/audio")]
    [InlineData("/voicemail/00000000-0000-0000-0000-000000000000/audio")]
    public async Task The_audio_route_never_serves_anything_but_a_stored_recording(string path)
    {
        using var admin = Hotline.App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(admin, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        using var response = await admin.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<VoicemailMessage> LeaveVoicemailAsync()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("9"));
        return await Hotline.EventuallyAsync(
            db => db.Voicemails.AsNoTracking().SingleAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken),
            v => v.AudioStatus == AudioStatus.Fetched);
    }
}
