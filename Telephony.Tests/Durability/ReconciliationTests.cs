using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Calls;
using Telephony.Core.Simulator;
using Telephony.Data;
using Telephony.Data.Errors;
using Telephony.Data.Voicemail;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;
using Telephony.Web.Reconciliation;
using Telephony.Web.Simulator;

namespace Telephony.Tests.Durability;

/// <summary>
/// Twilio does not retry a lost recording callback: the reconciliation job finds the recording in Twilio's list
/// (here the fake Twilio, fed by the simulator) and creates the voicemail, once.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private TelephonyAppFactory app = null!;
    private HotlineHarness hotline = null!;

    public ValueTask InitializeAsync()
    {
        app = new TelephonyAppFactory(DatabaseProvider.Sqlite, null, kestrel: true);
        HotlineHarness.Configure(app);
        app.Settings["Reconciliation:Interval"] = "00:00:01";
        hotline = new HotlineHarness(app);
        _ = app.ServerAddress; // start Kestrel: the fake Twilio REST API is this app's own
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_voicemail_whose_callbacks_never_arrived_is_created_from_Twilios_recording_list_exactly_once()
    {
        var twilio = app.Services.GetRequiredService<FakeTwilioState>();
        twilio.DropRecordingCallbacks(1);
        var simulator = app.Services.GetRequiredService<SimulatorService>();

        var call = await simulator.PlaceCallAsync(HotlineHarness.Caller("9"), TestContext.Current.CancellationToken);

        Assert.Equal(SimulatedCallOutcome.Completed, call.Outcome);
        var lost = call.Requests.Single(r => r.Path.EndsWith("/recording-status", StringComparison.Ordinal));
        Assert.Equal(502, lost.StatusCode); // never reached the app
        var recordingSid = lost.Form.Single(f => f.Key == "RecordingSid").Value;
        Assert.Contains(twilio.Recordings, r => r.Sid == recordingSid);

        // The job runs every second here: the voicemail appears, its audio fetched as a callback's would be.
        var voicemail = await hotline.EventuallyAsync(
            db => db.Voicemails.AsNoTracking().FirstOrDefaultAsync(v => v.RecordingSid == recordingSid, TestContext.Current.CancellationToken),
            v => v is { AudioStatus: AudioStatus.Fetched },
            timeoutSeconds: 30);
        Assert.NotNull(voicemail);
        Assert.Equal(call.CallSid, voicemail.CallSid);
        Assert.Equal(AudioStatus.Fetched, voicemail.AudioStatus);
        Assert.Equal(14, voicemail.DurationSeconds);

        // Another run, then the late callback after all: still one voicemail.
        var again = await app.Services.GetRequiredService<Reconciler>().RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, again.VoicemailsCreated);
        Assert.Equal(0, again.CallsCreated);
        using (var late = await hotline.PostAsync("/twilio/voice/recording-status", lost.Form))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, late.StatusCode);
        }

        Assert.Equal(1, await hotline.QueryAsync(db => db.Voicemails.CountAsync(v => v.RecordingSid == recordingSid, TestContext.Current.CancellationToken)));
        Assert.Equal(1, await hotline.QueryAsync(db => db.WebhookErrors.CountAsync(e => e.Kind == WebhookErrorKind.Reconciled && e.CallSid == call.CallSid, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_call_the_app_never_heard_of_is_created_from_Twilios_call_list_and_a_recorded_transfer_is_no_voicemail()
    {
        var twilio = app.Services.GetRequiredService<FakeTwilioState>();
        var now = DateTimeOffset.UtcNow;
        var callSid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var from = HotlineHarness.NextCaller();
        twilio.RecordCall(new FakeCall(callSid, hotline.Credentials.AccountSid, null, from, HotlineHarness.HotlineNumber, "inbound", "completed", now.AddMinutes(-3), now.AddMinutes(-2), 60));
        var transferRecording = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        twilio.RecordRecording(new FakeRecording(transferRecording, hotline.Credentials.AccountSid, callSid, "DialVerb", 40, now.AddMinutes(-2), "https://example.invalid/rec"));

        var calls = await hotline.EventuallyAsync(
            db => db.Calls.AsNoTracking().Where(c => c.CallSid == callSid).ToListAsync(TestContext.Current.CancellationToken),
            c => c is [{ Status: CallStatus.Completed }],
            timeoutSeconds: 30);

        var created = Assert.Single(calls);
        Assert.Equal(from, created.From);
        Assert.Equal(CallStatus.Completed, created.Status);
        Assert.Equal(60, created.DurationSeconds);
        Assert.Equal(now.AddMinutes(-3), created.CreatedAt, TimeSpan.FromSeconds(1));
        await app.Services.GetRequiredService<Reconciler>().RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await hotline.QueryAsync(db => db.Voicemails.CountAsync(v => v.RecordingSid == transferRecording, TestContext.Current.CancellationToken)));
        Assert.Equal(1, await hotline.QueryAsync(db => db.Calls.CountAsync(c => c.CallSid == callSid, TestContext.Current.CancellationToken)));
    }
}
