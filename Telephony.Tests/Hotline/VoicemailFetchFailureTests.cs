using Microsoft.EntityFrameworkCore;
using Telephony.Data.Voicemail;
using Telephony.Tests.Web;

namespace Telephony.Tests.Hotline;

/// <summary>A recording that cannot be fetched is retried, then shown as failed: never silently lost.</summary>
public sealed class VoicemailFetchFailureTests : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        HotlineHarness.Configure(app);
        app.Settings["Storage:MaxFetchAttempts"] = "3";
        app.Settings["Storage:RetryBaseSeconds"] = "1";
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_voicemail_whose_audio_keeps_failing_is_retried_then_marked_failed_with_its_error()
    {
        var hotline = new HotlineHarness(app);
        var callSid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var recordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        // The recording lives under another account: the media server answers 404 every time.
        var url = $"{TelephonyAppFactory.PublicBaseUrl}/simulator/2010-04-01/Accounts/AC{new string('9', 32)}/Recordings/{recordingSid}";

        using var response = await hotline.PostAsync("/twilio/voice/recording-status",
            ("CallSid", callSid), ("RecordingSid", recordingSid), ("RecordingUrl", url), ("RecordingStatus", "completed"),
            ("RecordingDuration", "12"), ("RecordingSource", "RecordVerb"));

        var voicemail = await hotline.EventuallyAsync(
            db => db.Voicemails.AsNoTracking().SingleAsync(v => v.RecordingSid == recordingSid, TestContext.Current.CancellationToken),
            v => v.AudioStatus == AudioStatus.Failed,
            timeoutSeconds: 20);
        Assert.Equal(AudioStatus.Failed, voicemail.AudioStatus);
        Assert.Equal(3, voicemail.FetchAttempts);
        Assert.Equal("HTTP 404", voicemail.LastFetchError);
        Assert.Equal(VoicemailState.New, voicemail.State);
    }
}
