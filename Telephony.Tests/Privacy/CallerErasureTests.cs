using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Telephony.Data.Privacy;
using Telephony.Data.RateLimiting;
using Telephony.Data.Sms;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Privacy;

/// <summary>Access and deletion requests by phone number on both providers: the export, the erasure, the consent ledger kept.</summary>
public abstract class CallerErasureTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    private readonly TDatabase database;
    private readonly FakeTimeProvider time = new(Now);

    protected CallerErasureTests(TDatabase database) => this.database = database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_holds_the_callers_calls_voicemails_sms_consent_and_opt_out_and_is_audited()
    {
        using var services = new PrivacyServices(database, time);
        const string caller = "+15145550701";
        var (callSid, voicemail) = await services.AddVoicemailAsync(caller, Now.AddDays(-3), "About my refund");
        await services.AddVoicemailAsync("+15145550799", Now.AddDays(-3), "Someone else");
        await AddSmsAsync(caller);

        var export = await services.Callers.ExportAsync(PrivacyServices.Admin, caller, Ct);

        Assert.NotNull(export);
        Assert.Equal(callSid, Assert.Single(export.Calls).CallSid);
        var exported = Assert.Single(export.Voicemails);
        Assert.Equal((voicemail.Id, "About my refund", true), (exported.Id, exported.Transcript, exported.AudioStored));
        Assert.Equal(2, export.SmsMessages.Count);
        Assert.Equal(callSid, Assert.Single(export.ConsentLedger).CallSid);
        Assert.True(export.SmsOptedOut);
        Assert.Single(export.RateLimitViolations);
        await using var db = database.CreateDbContext();
        var audit = await db.AdminAuditEntries.AsNoTracking().SingleAsync(a => a.Action == "caller-export" && a.Target == caller, Ct);
        Assert.Equal("admin@test.local", audit.UserEmail);
        Assert.Null(await services.Callers.ExportAsync(PrivacyServices.Support, caller, Ct));
        Assert.Null(await services.Callers.ExportAsync(PrivacyServices.Admin, "5145550701", Ct));
    }

    [Fact]
    public async Task Erasure_removes_recordings_transcripts_sms_and_the_number_but_keeps_the_consent_ledger_and_the_opt_out()
    {
        using var services = new PrivacyServices(database, time);
        const string caller = "+15145550801";
        var (callSid, voicemail) = await services.AddVoicemailAsync(caller, Now.AddDays(-3), "My address is 12 Main St");
        var (otherCall, other) = await services.AddVoicemailAsync("+15145550899", Now.AddDays(-3), "Keep me");
        var sms = await AddSmsAsync(caller);

        Assert.Null(await services.Callers.EraseAsync(PrivacyServices.Support, caller, Ct));
        var erasure = await services.Callers.EraseAsync(PrivacyServices.Admin, caller, Ct);

        Assert.NotNull(erasure);
        Assert.Equal((1, 1, 2, 2, 1), (erasure.CallsAnonymised, erasure.VoicemailsErased, erasure.SmsMessagesErased, erasure.RateLimitRowsDeleted, erasure.ConsentEntriesKept)); // the violation and the SMS reply counter
        Assert.Equal("+1514***0801", erasure.PhoneNumber);
        Assert.False(services.AudioExists(voicemail.RecordingSid));
        Assert.True(services.AudioExists(other.RecordingSid));
        await using var db = database.CreateDbContext();
        Assert.Equal(CallerDataStore.ErasedNumber, (await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == callSid, Ct)).From);
        Assert.Equal("+15145550899", (await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == otherCall, Ct)).From);
        var erased = await db.Voicemails.AsNoTracking().SingleAsync(v => v.Id == voicemail.Id, Ct);
        Assert.Equal((null, null, AudioStatus.Deleted, "erasure"), (erased.Transcript, erased.CallbackNote, erased.AudioStatus, erased.RecordingDeletedBy));
        Assert.Equal("Keep me", (await db.Voicemails.AsNoTracking().SingleAsync(v => v.Id == other.Id, Ct)).Transcript);
        Assert.False(await db.SmsMessages.AnyAsync(m => m.From == caller || m.To == caller, Ct));
        Assert.All(await db.SmsMessages.AsNoTracking().Where(m => sms.Contains(m.MessageSid)).ToListAsync(Ct), m => Assert.Equal("", m.Body));
        Assert.False(await db.RateLimitViolations.AnyAsync(v => v.CallerNumber == caller, Ct));

        // The legal records stay: what the caller consented to, and their STOP.
        var ledger = await db.ConsentRecords.AsNoTracking().SingleAsync(r => r.CallerNumber == caller, Ct);
        Assert.Equal(callSid, ledger.CallSid);
        Assert.True((await db.SmsOptOuts.AsNoTracking().SingleAsync(o => o.PhoneNumber == caller, Ct)).OptedOut);

        var audit = await db.AdminAuditEntries.AsNoTracking().SingleAsync(a => a.Action == "caller-erase" && a.Target == "+1514***0801", Ct);
        Assert.Equal(("admin-1", "admin@test.local"), (audit.UserId, audit.UserEmail));
        Assert.Contains("1 consent ledger entries kept", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(caller, audit.Detail, StringComparison.Ordinal);

        var after = await services.Callers.ExportAsync(PrivacyServices.Admin, caller, Ct);
        Assert.Empty(after!.Calls);
        Assert.Empty(after.SmsMessages);
        Assert.Single(after.ConsentLedger);
    }

    private async Task<string[]> AddSmsAsync(string caller)
    {
        string[] sids = ["SM" + Guid.NewGuid().ToString("N"), "SM" + Guid.NewGuid().ToString("N")];
        await using var db = database.CreateDbContext();
        db.SmsMessages.Add(new SmsMessage { MessageSid = sids[0], From = caller, To = "+15145550100", Body = "STOP asking about my refund", Keyword = "STOP", ReceivedAt = Now });
        db.SmsMessages.Add(new SmsMessage { MessageSid = sids[1], From = "+15145550100", To = caller, Body = "You are unsubscribed", Direction = "outbound", ReceivedAt = Now });
        db.SmsOptOuts.Add(new SmsOptOut { PhoneNumber = caller, OptedOut = true, ChangedAt = Now });
        db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = caller, At = Now });
        db.RateLimitCounters.Add(new RateLimitCounter { Key = RateLimitStore.SmsReplyPrefix + caller, WindowStart = RateLimitStore.WindowStartFor(Now, RateLimitStore.SmsReplyWindow), Count = 1 });
        await db.SaveChangesAsync(Ct);
        return sids;
    }
}

public sealed class SqliteCallerErasureTests(SqliteDatabase database) : CallerErasureTests<SqliteDatabase>(database);

public sealed class PostgresCallerErasureTests(PostgresDatabase database) : CallerErasureTests<PostgresDatabase>(database);
