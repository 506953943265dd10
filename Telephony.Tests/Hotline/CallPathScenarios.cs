using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Core.Simulator;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Voicemail;

namespace Telephony.Tests.Hotline;

/// <summary>Every menu path, end to end: the simulator plays Twilio over HTTP, the database shows what was kept.</summary>
public abstract class CallPathScenarios
{
    protected abstract HotlineHarness Hotline { get; }

    [Fact]
    public async Task Sales_answered_is_transferred_with_a_20_second_ring_and_recorded_with_consent()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("1") with { AgentAnswers = true, TalkSeconds = 90 });

        var dial = Assert.Single(call.VerbsNamed("Dial"));
        Assert.Equal(HotlineHarness.SalesNumber, dial.Text.Trim());
        Assert.Equal("20", dial.Attribute("timeout"));
        Assert.Equal("record-from-answer-dual", dial.Attribute("record"));
        Assert.Empty(call.VerbsNamed("Record"));
        Assert.All(call.Requests, r => Assert.Equal(200, r.StatusCode));

        var row = await Hotline.QueryAsync(db => db.Calls.SingleAsync(c => c.CallSid == call.CallSid, TestContext.Current.CancellationToken));
        Assert.Equal(CallRoute.Sales, row.Route);
        Assert.Equal(CallStatus.Completed, row.Status);
        Assert.Equal(ConsentState.Granted, row.ConsentState);
        Assert.Equal("completed", row.DialCallStatus);
        Assert.Equal(90, row.DialCallDuration);
        Assert.NotNull(row.TransferStartedAt);
        Assert.False(row.ReachedVoicemail);

        var ledger = await Hotline.QueryAsync(db => db.ConsentRecords.Where(c => c.CallSid == call.CallSid).ToListAsync(TestContext.Current.CancellationToken));
        var granted = Assert.Single(ledger);
        Assert.Equal(ConsentDecision.Granted, granted.Decision);
        Assert.Equal("disclosure-continued", granted.Method);
        Assert.Equal("2026-11-consent-v1", granted.PromptVersion);
        Assert.Equal("en", granted.Language);
        Assert.Equal("CA-PIPEDA", granted.Jurisdiction);
        Assert.Equal(0, await Hotline.QueryAsync(db => db.Voicemails.CountAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Support_not_answered_goes_to_voicemail_which_is_saved_with_transcript_and_fetched_audio()
    {
        var script = HotlineHarness.Caller("2") with { AgentAnswers = false, VoicemailTranscript = "Please call me back about my invoice." };

        var call = await Hotline.CallAsync(script);

        Assert.Equal(HotlineHarness.SupportNumber, Assert.Single(call.VerbsNamed("Dial")).Text.Trim());
        var record = Assert.Single(call.VerbsNamed("Record"));
        Assert.Equal("120", record.Attribute("maxLength"));
        Assert.Equal("#", record.Attribute("finishOnKey"));
        Assert.Equal("true", record.Attribute("transcribe"));

        var voicemail = await Hotline.EventuallyAsync(
            db => db.Voicemails.AsNoTracking().SingleAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken),
            v => v.AudioStatus == AudioStatus.Fetched);
        Assert.Equal("Please call me back about my invoice.", voicemail.Transcript);
        Assert.Equal(AudioStatus.Fetched, voicemail.AudioStatus);
        Assert.Equal(VoicemailState.New, voicemail.State);
        Assert.Equal(script.VoicemailSeconds, voicemail.DurationSeconds);
        var file = Path.Combine(Hotline.App.DataDirectory, "recordings", voicemail.RecordingSid + ".mp3");
        Assert.True(File.Exists(file), $"audio file {file} missing");
        Assert.True(new FileInfo(file).Length > 1000);

        var row = await Hotline.QueryAsync(db => db.Calls.SingleAsync(c => c.CallSid == call.CallSid, TestContext.Current.CancellationToken));
        Assert.Equal("no-answer", row.DialCallStatus);
        Assert.True(row.ReachedVoicemail);
        Assert.Equal(CallRoute.Voicemail, row.Route);
    }

    [Fact]
    public async Task Key_9_leaves_a_voicemail_directly()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("9"));

        Assert.Empty(call.VerbsNamed("Dial"));
        Assert.Single(call.VerbsNamed("Record"));
        var voicemail = await Hotline.QueryAsync(db => db.Voicemails.SingleAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken));
        Assert.NotNull(voicemail.Transcript);
    }

    [Fact]
    public async Task Opting_out_with_8_then_transferring_records_nothing_and_stores_the_withdrawal()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("8", "1") with { AgentAnswers = true });

        var dial = Assert.Single(call.VerbsNamed("Dial"));
        Assert.Equal(HotlineHarness.SalesNumber, dial.Text.Trim());
        Assert.Null(dial.Attribute("record"));
        Assert.Null(dial.Attribute("recordingStatusCallback"));

        var row = await Hotline.QueryAsync(db => db.Calls.SingleAsync(c => c.CallSid == call.CallSid, TestContext.Current.CancellationToken));
        Assert.Equal(ConsentState.Withdrawn, row.ConsentState);
        var ledger = await Hotline.QueryAsync(db => db.ConsentRecords.Where(c => c.CallSid == call.CallSid).OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains(ledger, c => c.Decision == ConsentDecision.Withdrawn && c.Method == "dtmf-8");
    }

    [Fact]
    public async Task Key_0_repeats_the_menu_in_French_and_the_call_continues_in_French()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("0", "1") with { AgentAnswers = true });

        Assert.Contains(call.VerbsNamed("Say"), s => s.Attribute("language") == "fr-CA");
        Assert.Equal(HotlineHarness.SalesNumber, Assert.Single(call.VerbsNamed("Dial")).Text.Trim());
        var row = await Hotline.QueryAsync(db => db.Calls.SingleAsync(c => c.CallSid == call.CallSid, TestContext.Current.CancellationToken));
        Assert.Equal("fr", row.Language);
        Assert.Equal(CallRoute.Sales, row.Route);
    }

    [Fact]
    public async Task Two_invalid_keys_end_in_voicemail_not_a_dead_end()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("5", "7"));

        Assert.Empty(call.VerbsNamed("Dial"));
        Assert.Single(call.VerbsNamed("Record"));
        var events = await Hotline.QueryAsync(db => db.CallEvents.Where(e => e.CallSid == call.CallSid && e.Kind == "menu-retry").CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, events);
        Assert.Equal(1, await Hotline.QueryAsync(db => db.Voicemails.CountAsync(v => v.CallSid == call.CallSid, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task No_input_twice_also_ends_in_voicemail()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller(null, null));

        Assert.Single(call.VerbsNamed("Record"));
        Assert.Contains("/twilio/voice/menu", call.Paths);
    }

    [Fact]
    public async Task Star_repeats_the_menu_and_the_next_key_still_works()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("*", "2") with { AgentAnswers = true });

        Assert.True(call.VerbsNamed("Gather").Count() >= 2);
        Assert.Equal(HotlineHarness.SupportNumber, Assert.Single(call.VerbsNamed("Dial")).Text.Trim());
        Assert.Equal(SimulatedCallOutcome.Completed, call.Outcome);
    }

    [Fact]
    public async Task Every_response_is_200_text_xml_twiml()
    {
        var call = await Hotline.CallAsync(HotlineHarness.Caller("2") with { AgentAnswers = false });

        Assert.All(call.Requests, r => Assert.Equal(200, r.StatusCode));
        using var response = await Hotline.PostAsync("/twilio/voice/menu?lang=en&attempt=1&consent=1", ("CallSid", call.CallSid), ("Digits", "9"));
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }
}

public sealed class CallPathsOnSqlite(SqliteHotlineFixture fixture) : CallPathScenarios, IClassFixture<SqliteHotlineFixture>
{
    protected override HotlineHarness Hotline => fixture.Hotline;
}

public sealed class CallPathsOnPostgres(PostgresHotlineFixture fixture) : CallPathScenarios, IClassFixture<PostgresHotlineFixture>
{
    protected override HotlineHarness Hotline => fixture.Hotline;
}
