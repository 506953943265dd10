using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data.Calls;
using Telephony.Tests.Hotline;
using Telephony.Web.Journal;

namespace Telephony.Tests.Durability;

/// <summary>Replay is exactly once: a record replayed twice (a crash between replay and compaction) stores nothing twice.</summary>
public sealed class JournalReplayTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    [Fact]
    public async Task A_whole_journaled_call_replayed_twice_is_stored_once_with_its_voicemail()
    {
        var hotline = fixture.Hotline;
        var journal = hotline.App.Services.GetRequiredService<WebhookJournal>();
        var (callSid, recordingSid, records) = JournaledCall(receivedAt: DateTimeOffset.UtcNow.AddMinutes(-7));

        foreach (var round in new[] { 1, 2 })
        {
            // The same records (same ids) again: what a crash after the database writes but before "done" leaves behind.
            foreach (var record in records)
            {
                await journal.AppendAsync(record, TestContext.Current.CancellationToken);
            }

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (journal.PendingCount > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.True(journal.PendingCount == 0, $"round {round}: {journal.PendingCount} records not replayed");
        }

        var call = await hotline.QueryAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == callSid, TestContext.Current.CancellationToken));
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.True(call.ReachedVoicemail);
        Assert.Equal(records[0].ReceivedAt, call.CreatedAt, TimeSpan.FromSeconds(1)); // stored as it happened, not as replayed
        var voicemail = await hotline.QueryAsync(db => db.Voicemails.AsNoTracking().SingleAsync(v => v.CallSid == callSid, TestContext.Current.CancellationToken));
        Assert.Equal(recordingSid, voicemail.RecordingSid);
        Assert.Equal("Please call me back.", voicemail.Transcript);
        Assert.Equal(1, await hotline.QueryAsync(db => db.CallEvents.CountAsync(e => e.CallSid == callSid && e.Kind == "created", TestContext.Current.CancellationToken)));
        Assert.Equal(1, await hotline.QueryAsync(db => db.CallEvents.CountAsync(e => e.CallSid == callSid && e.Kind == "status", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_sms_replayed_twice_is_stored_once()
    {
        var work = fixture.Hotline.App.Services.GetRequiredService<WebhookWork>();
        var messageSid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var record = new JournalRecord(
            Guid.NewGuid().ToString("N"), WebhookRoutes.Sms, DateTimeOffset.UtcNow, "test",
            [Pair("MessageSid", messageSid), Pair("AccountSid", "AC" + new string('0', 32)), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber), Pair("Body", "STOP")],
            new Dictionary<string, string>());

        await work.RunAsync(record, TestContext.Current.CancellationToken);
        await work.RunAsync(record, TestContext.Current.CancellationToken);

        Assert.Equal(1, await fixture.Hotline.QueryAsync(db => db.SmsMessages.CountAsync(m => m.MessageSid == messageSid, TestContext.Current.CancellationToken)));
    }

    /// <summary>What a voicemail call sends, as journaled webhooks: front door, menu 9, voicemail, recording, transcription, completed.</summary>
    private static (string CallSid, string RecordingSid, List<JournalRecord> Records) JournaledCall(DateTimeOffset receivedAt)
    {
        var callSid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var recordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var from = HotlineHarness.NextCaller();
        List<KeyValuePair<string, string>> call =
        [
            Pair("AccountSid", "AC" + new string('0', 32)), Pair("CallSid", callSid), Pair("From", from), Pair("To", HotlineHarness.HotlineNumber),
            Pair("Direction", "inbound"), Pair("CallStatus", "in-progress"),
        ];
        var recording = $"https://api.twilio.com/2010-04-01/Accounts/AC{new string('0', 32)}/Recordings/{recordingSid}";
        List<JournalRecord> records =
        [
            Record(WebhookRoutes.FrontDoor, receivedAt, [.. call], ("rateLimited", "0")),
            Record(WebhookRoutes.Menu, receivedAt.AddSeconds(10), [.. call, Pair("Digits", "9")], ("lang", "en"), ("consent", "1")),
            Record(WebhookRoutes.Voicemail, receivedAt.AddSeconds(11), [.. call], ("lang", "en")),
            Record(WebhookRoutes.RecordingStatus, receivedAt.AddSeconds(30), [.. call, Pair("RecordingSid", recordingSid), Pair("RecordingUrl", recording), Pair("RecordingStatus", "completed"), Pair("RecordingDuration", "14"), Pair("RecordingSource", "RecordVerb")]),
            Record(WebhookRoutes.Transcription, receivedAt.AddSeconds(40), [.. call, Pair("RecordingSid", recordingSid), Pair("RecordingUrl", recording), Pair("TranscriptionStatus", "completed"), Pair("TranscriptionText", "Please call me back.")]),
            Record(WebhookRoutes.Status, receivedAt.AddSeconds(41), [.. call.Where(p => p.Key != "CallStatus"), Pair("CallStatus", "completed"), Pair("SequenceNumber", "3"), Pair("CallDuration", "41")]),
        ];
        return (callSid, recordingSid, records);
    }

    private static JournalRecord Record(string route, DateTimeOffset at, List<KeyValuePair<string, string>> form, params (string Key, string Value)[] context) =>
        new(Guid.NewGuid().ToString("N"), route, at, "test", form, context.ToDictionary(c => c.Key, c => c.Value));

    private static KeyValuePair<string, string> Pair(string key, string value) => KeyValuePair.Create(key, value);
}
