using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Simulator;
using Telephony.Data.Voicemail;
using Telephony.Web.Simulator;

namespace Telephony.Tests.Hotline;

/// <summary>With no Twilio account configured, the app plays Twilio's side itself, so a newcomer sees calls flow.</summary>
public sealed class SimulatorModeTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    [Fact]
    public async Task A_simulated_call_placed_by_the_app_lands_in_the_voicemail_inbox_with_its_audio()
    {
        var simulator = fixture.Hotline.App.Services.GetRequiredService<SimulatorService>();
        Assert.True(simulator.Available);

        var call = await simulator.PlaceCallAsync(
            new CallerScript(HotlineHarness.NextCaller(), HotlineHarness.HotlineNumber) { Keys = ["2"], AgentAnswers = false, VoicemailTranscript = "Simulated hello." },
            TestContext.Current.CancellationToken);

        Assert.Equal(SimulatedCallOutcome.Completed, call.Outcome);
        var voicemail = await fixture.Hotline.EventuallyAsync(
            db => db.Voicemails.AsNoTracking().SingleAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken),
            v => v.AudioStatus == AudioStatus.Fetched);
        Assert.Equal("Simulated hello.", voicemail.Transcript);
        Assert.Equal(AudioStatus.Fetched, voicemail.AudioStatus);
    }

    [Fact]
    public async Task The_simulated_audio_needs_the_accounts_basic_credentials()
    {
        using var client = fixture.Hotline.App.CreateBrowserlessClient();

        using var response = await client.GetAsync($"{SimulatorApi.AudioRoute}/{fixture.Hotline.Credentials.AccountSid}/Recordings/RE{new string('a', 32)}.mp3", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
