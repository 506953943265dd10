using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Twilio;
using Telephony.Data;
using Telephony.Tests.Hotline;
using Telephony.Tests.Provisioning;
using Telephony.Web.Journal;

namespace Telephony.Tests.Durability;

/// <summary>
/// An admin puts webhooks the replayer had set aside back into the journal through the admin API, once their cause is
/// fixed, and the running app's replayer stores them; nothing is requeued twice, and the action is audited.
/// </summary>
public sealed class JournalRequeueApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_aside_webhooks_requeued_by_an_admin_are_replayed_and_the_quarantine_file_goes()
    {
        await using var harness = ProvisioningHarness.Start();
        var services = harness.App.Services;
        var journal = services.GetRequiredService<WebhookJournal>();
        var contexts = services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        var messageSid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var record = new JournalRecord(
            Guid.NewGuid().ToString("N"), TwilioRoutes.Sms, DateTimeOffset.UtcNow, "earlier-instance",
            [Pair("MessageSid", messageSid), Pair("AccountSid", "AC" + new string('0', 32)), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber), Pair("Body", "HELP")],
            new Dictionary<string, string>());

        // What the replayer leaves after the database kept refusing a record: a line in the quarantine file, nothing pending.
        await journal.QuarantineAsync(record, Ct);
        Assert.True(File.Exists(journal.QuarantinePath));
        Assert.Equal(0, journal.PendingCount);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // more than a replay interval: a set-aside record is not retried by itself
        Assert.Equal(0, await CountAsync(contexts, messageSid));

        using var client = harness.AdminClient();
        using var response = await client.PostAsync(new Uri("/api/journal/requeue", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requeue = await response.Content.ReadFromJsonAsync<JournalRequeue>(Ct);
        Assert.NotNull(requeue);
        Assert.Equal(1, requeue.Requeued);
        Assert.Equal(WebhookGuardInstance(), requeue.Instance);
        Assert.False(File.Exists(journal.QuarantinePath));

        // The app's own replayer (every 2 s) stores it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await CountAsync(contexts, messageSid) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }

        Assert.Equal(1, await CountAsync(contexts, messageSid));
        Assert.Equal(0, journal.PendingCount);

        using var again = await client.PostAsync(new Uri("/api/journal/requeue", UriKind.Relative), null, Ct);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JournalRequeue>(Ct))!.Requeued);
        var db = await contexts.CreateDbContextAsync(Ct);
        await using (db)
        {
            var audited = await db.AdminAuditEntries.AsNoTracking().Where(e => e.Action == "journal-requeue").ToListAsync(Ct);
            Assert.Equal(2, audited.Count);
            Assert.Contains(audited, e => e.Detail == "1 set-aside webhooks put back for replay");
        }

        using var anonymous = harness.Anonymous();
        using var refused = await anonymous.PostAsync(new Uri("/api/journal/requeue", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_set_aside_webhook_of_another_database_stays_set_aside_when_an_admin_requeues()
    {
        await using var harness = ProvisioningHarness.Start();
        var journal = harness.App.Services.GetRequiredService<WebhookJournal>();
        var messageSid = "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var record = new JournalRecord(
            Guid.NewGuid().ToString("N"), TwilioRoutes.Sms, DateTimeOffset.UtcNow, "earlier-instance",
            [Pair("MessageSid", messageSid), Pair("AccountSid", "AC" + new string('0', 32)), Pair("From", HotlineHarness.NextCaller()), Pair("To", HotlineHarness.HotlineNumber), Pair("Body", "HELP")],
            new Dictionary<string, string>())
        { Database = "0123456789abcdef0123456789abcdef" };
        await journal.QuarantineAsync(record, "written against another database", Ct);

        using var client = harness.AdminClient();
        using var response = await client.PostAsync(new Uri("/api/journal/requeue", UriKind.Relative), null, Ct);

        var requeue = await response.Content.ReadFromJsonAsync<JournalRequeue>(Ct);
        Assert.NotNull(requeue);
        Assert.Equal(0, requeue.Requeued);
        Assert.Equal(1, requeue.OtherDatabase);
        Assert.Contains(record.Id, await File.ReadAllTextAsync(journal.QuarantinePath, Ct), StringComparison.Ordinal);
        Assert.Equal(0, journal.PendingCount);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // more than a replay interval
        Assert.Equal(0, await CountAsync(harness.App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>(), messageSid));
    }

    private static string WebhookGuardInstance() => $"{Environment.MachineName}:{Environment.ProcessId}";

    private static async Task<int> CountAsync(IDbContextFactory<TelephonyDbContext> contexts, string messageSid)
    {
        var db = await contexts.CreateDbContextAsync(Ct);
        await using (db)
        {
            return await db.SmsMessages.CountAsync(m => m.MessageSid == messageSid, Ct);
        }
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => KeyValuePair.Create(key, value);
}
