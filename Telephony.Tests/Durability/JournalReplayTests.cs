using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.Infrastructure;
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
        var work = fixture.Hotline.App.Services.GetRequiredService<WebhookReplay>();
        var messageSid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var record = new JournalRecord(
            Guid.NewGuid().ToString("N"), TwilioRoutes.Sms, DateTimeOffset.UtcNow, "test",
            [Pair("MessageSid", messageSid), Pair("AccountSid", "AC" + new string('0', 32)), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber), Pair("Body", "STOP")],
            new Dictionary<string, string>());

        await work.RunAsync(record, TestContext.Current.CancellationToken);
        await work.RunAsync(record, TestContext.Current.CancellationToken);

        Assert.Equal(1, await fixture.Hotline.QueryAsync(db => db.SmsMessages.CountAsync(m => m.MessageSid == messageSid, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_record_the_database_keeps_refusing_holds_back_only_its_call_and_is_set_aside_after_the_quarantine_time()
    {
        var services = fixture.Hotline.App.Services;
        var directory = Directory.CreateTempSubdirectory("journal-quarantine-").FullName;
        using var journal = new WebhookJournal(Path.Combine(directory, "webhooks.jsonl"), NullLogger<WebhookJournal>.Instance);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var replayer = new JournalReplayer(
            journal, services.GetRequiredService<WebhookReplay>(), services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>(),
            services.GetRequiredService<WebhookErrorStore>(), services.GetRequiredService<DatabaseIdentity>(), Options.Create(new JournalOptions { QuarantineAfter = TimeSpan.FromMinutes(10) }),
            time, NullLogger<JournalReplayer>.Instance);

        // A transfer chosen on a call that was never stored: its timeline event has no call to belong to (a foreign key).
        var orphan = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        List<KeyValuePair<string, string>> orphanCall =
            [Pair("AccountSid", "AC" + new string('0', 32)), Pair("CallSid", orphan), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber)];
        var poison = Record(TwilioRoutes.Menu, time.GetUtcNow(), [.. orphanCall, Pair("Digits", "1")], ("lang", "en"), ("consent", "1"));
        var sameCallLater = Record(TwilioRoutes.Status, time.GetUtcNow(), [.. orphanCall, Pair("CallStatus", "completed"), Pair("SequenceNumber", "4")]);
        var messageSid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var otherCall = Record(TwilioRoutes.Sms, time.GetUtcNow(),
            [Pair("MessageSid", messageSid), Pair("AccountSid", "AC" + new string('0', 32)), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber), Pair("Body", "HELP")]);
        foreach (var record in new[] { poison, sameCallLater, otherCall })
        {
            await journal.AppendAsync(record, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await replayer.ReplayPendingAsync(TestContext.Current.CancellationToken));

        Assert.Equal([poison.Id, sameCallLater.Id], journal.Pending().Select(r => r.Id));
        Assert.Equal(1, await fixture.Hotline.QueryAsync(db => db.SmsMessages.CountAsync(m => m.MessageSid == messageSid, TestContext.Current.CancellationToken)));
        Assert.False(File.Exists(journal.QuarantinePath));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await replayer.ReplayPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, journal.PendingCount);

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await replayer.ReplayPendingAsync(TestContext.Current.CancellationToken));

        Assert.Equal(0, journal.PendingCount);
        Assert.Contains(poison.Id, await File.ReadAllTextAsync(journal.QuarantinePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var setAside = await fixture.Hotline.QueryAsync(db => db.WebhookErrors.AsNoTracking().SingleAsync(e => e.CallSid == orphan, TestContext.Current.CancellationToken));
        Assert.Equal(WebhookErrorKind.Quarantined, setAside.Kind);
        Assert.Equal(CallStatus.Completed, (await fixture.Hotline.QueryAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == orphan, TestContext.Current.CancellationToken))).Status);
    }

    [Fact]
    public async Task Records_written_against_another_database_are_set_aside_at_once_with_the_reason_and_never_tried()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = fixture.Hotline.App.Services;
        var directory = Directory.CreateTempSubdirectory("journal-foreign-").FullName;
        using var journal = new WebhookJournal(Path.Combine(directory, "webhooks.jsonl"), NullLogger<WebhookJournal>.Instance);
        var here = services.GetRequiredService<DatabaseIdentity>().Id!;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new Telephony.Tests.Web.CapturedLogs();
        using var loggers = new LoggerFactory([logs]);
        var replayer = new JournalReplayer(
            journal, services.GetRequiredService<WebhookReplay>(), services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>(),
            services.GetRequiredService<WebhookErrorStore>(), services.GetRequiredService<DatabaseIdentity>(), Options.Create(new JournalOptions()),
            time, loggers.CreateLogger<JournalReplayer>());

        // A whole call journaled by a run against another database, and one webhook of this database behind it.
        const string Elsewhere = "0123456789abcdef0123456789abcdef";
        var (callSid, _, foreign) = JournaledCall(receivedAt: time.GetUtcNow());
        var messageSid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var ours = Record(TwilioRoutes.Sms, time.GetUtcNow(),
            [Pair("MessageSid", messageSid), Pair("AccountSid", "AC" + new string('0', 32)), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber), Pair("Body", "HELP")]) with
        { Database = here };
        foreach (var record in foreign.Select(r => r with { Database = Elsewhere }).Append(ours))
        {
            await journal.AppendAsync(record, ct);
        }

        Assert.Equal(1, await replayer.ReplayPendingAsync(ct));

        Assert.Equal(0, journal.PendingCount);
        Assert.Equal(1, await fixture.Hotline.QueryAsync(db => db.SmsMessages.CountAsync(m => m.MessageSid == messageSid, ct)));
        Assert.Equal(0, await fixture.Hotline.QueryAsync(db => db.Calls.CountAsync(c => c.CallSid == callSid, ct)));
        Assert.Equal(0, await fixture.Hotline.QueryAsync(db => db.Voicemails.CountAsync(v => v.CallSid == callSid, ct)));
        var reason = $"Journaled webhook written against database {Elsewhere}; this database is {here}.";
        var setAside = await File.ReadAllLinesAsync(journal.QuarantinePath, ct);
        Assert.Equal(foreign.Count, setAside.Length);
        Assert.All(setAside, line => Assert.Contains(reason, line, StringComparison.Ordinal));
        var listed = await fixture.Hotline.QueryAsync(db => db.WebhookErrors.AsNoTracking().Where(e => e.CallSid == callSid).ToListAsync(ct));
        Assert.Equal(foreign.Count, listed.Count);
        Assert.All(listed, e => Assert.Equal(WebhookErrorKind.Quarantined, e.Kind));
        Assert.All(listed, e => Assert.StartsWith(reason, e.Detail, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal));
        Assert.All(logs.Entries.Where(e => e.Contains("was written against database", StringComparison.Ordinal)), e => Assert.EndsWith("| ", e, StringComparison.Ordinal)); // no exception

        // Put back by an admin: they stay set aside, and a replay still never stores them here.
        Assert.Equal(new QuarantineRequeue(0, foreign.Count), await journal.RequeueQuarantinedAsync(here, ct));
        Assert.Equal(new QuarantineRequeue(foreign.Count, 0), await journal.RequeueQuarantinedAsync(null, ct));
        Assert.Equal(0, await replayer.ReplayPendingAsync(ct));
        Assert.Equal(0, journal.PendingCount);
        Assert.Equal(0, await fixture.Hotline.QueryAsync(db => db.CallEvents.CountAsync(e => e.CallSid == callSid, ct)));
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
            Record(TwilioRoutes.FrontDoor, receivedAt, [.. call], ("rateLimited", "0")),
            Record(TwilioRoutes.Menu, receivedAt.AddSeconds(10), [.. call, Pair("Digits", "9")], ("lang", "en"), ("consent", "1")),
            Record(TwilioRoutes.Voicemail, receivedAt.AddSeconds(11), [.. call], ("lang", "en")),
            Record(TwilioRoutes.RecordingStatus, receivedAt.AddSeconds(30), [.. call, Pair("RecordingSid", recordingSid), Pair("RecordingUrl", recording), Pair("RecordingStatus", "completed"), Pair("RecordingDuration", "14"), Pair("RecordingSource", "RecordVerb")]),
            Record(TwilioRoutes.Transcription, receivedAt.AddSeconds(40), [.. call, Pair("RecordingSid", recordingSid), Pair("RecordingUrl", recording), Pair("TranscriptionStatus", "completed"), Pair("TranscriptionText", "Please call me back.")]),
            Record(TwilioRoutes.Status, receivedAt.AddSeconds(41), [.. call.Where(p => p.Key != "CallStatus"), Pair("CallStatus", "completed"), Pair("SequenceNumber", "3"), Pair("CallDuration", "41")]),
        ];
        return (callSid, recordingSid, records);
    }

    private static JournalRecord Record(string route, DateTimeOffset at, List<KeyValuePair<string, string>> form, params (string Key, string Value)[] context) =>
        new(Guid.NewGuid().ToString("N"), route, at, "test", form, context.ToDictionary(c => c.Key, c => c.Value));

    private static KeyValuePair<string, string> Pair(string key, string value) => KeyValuePair.Create(key, value);
}
