using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Telephony.Core.Twilio;
using Telephony.Data;
using Telephony.Data.Errors;
using Telephony.Data.Infrastructure;
using Telephony.Tests.Hotline;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.ScaleOut;
using Telephony.Tests.Web;
using Telephony.Web.Journal;

namespace Telephony.Tests.Durability;

/// <summary>
/// One journal, one writer, one database: a second app on a journal folder in use refuses to start (in this process
/// and as a process of its own) until the first is gone, and a journal left by a run against one database is set aside,
/// not replayed, when the app starts on another.
/// </summary>
public sealed class JournalOwnershipTests : IDisposable
{
    private readonly string shared = Directory.CreateTempSubdirectory("telephony-journal-owner-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string JournalFolder => Path.Combine(shared, "journal");

    [Fact]
    public async Task A_journal_left_by_a_run_against_one_database_is_set_aside_not_replayed_when_the_app_starts_on_another()
    {
        await using var databaseA = new PostgresDatabase();
        await databaseA.InitializeAsync();
        await using var databaseB = await PostgresDatabase.CreateEmptyAsync(); // a fresh database: the app migrates it
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var from = HotlineHarness.NextCaller();
        string databaseAId;
        List<JournalRecord> left;

        var target = new NpgsqlConnectionStringBuilder(databaseA.ConnectionString);
        await using (var proxy = new TcpProxy(target.Host!, target.Port))
        {
            var viaProxy = new NpgsqlConnectionStringBuilder(databaseA.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
            await using var a = Start(viaProxy);
            var hotline = new HotlineHarness(a);
            await PostAsync(hotline, "/twilio/voice/frontdoor", ("CallSid", sid), ("From", from));
            databaseAId = a.Services.GetRequiredService<DatabaseIdentity>().Id!;

            // Database A goes away: the caller's menu choice and the call's end are journaled, stamped with A.
            proxy.Stop();
            await PostAsync(hotline, "/twilio/voice/menu?lang=en&attempt=1&consent=1", ("CallSid", sid), ("From", from), ("Digits", "1"));
            await PostAsync(hotline, "/twilio/voice/status", ("CallSid", sid), ("From", from), ("CallStatus", "completed"), ("SequenceNumber", "3"));
            left = [.. a.Services.GetRequiredService<WebhookJournal>().Pending()];
            Assert.Contains(left, r => r.Route == TwilioRoutes.Menu);
            Assert.All(left, r => Assert.Equal(databaseAId, r.Database));
        }

        // The next start, from the same folder, is against a fresh database B.
        await using var b = Start(databaseB.ConnectionString);
        var journal = b.Services.GetRequiredService<WebhookJournal>();
        var databaseBId = b.Services.GetRequiredService<DatabaseIdentity>().Id;
        Assert.NotEqual(databaseAId, databaseBId);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (journal.PendingCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Equal(0, journal.PendingCount);
        var reason = $"Journaled webhook written against database {databaseAId}; this database is {databaseBId}.";
        var setAside = await File.ReadAllLinesAsync(journal.QuarantinePath, Ct);
        Assert.Equal(left.Select(r => r.Id).Order(), setAside.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()).Order());
        Assert.All(setAside, line => Assert.Contains(reason, line, StringComparison.Ordinal));

        await using var db = databaseB.CreateDbContext();
        Assert.Equal(0, await db.Calls.CountAsync(c => c.CallSid == sid, Ct));
        Assert.Equal(0, await db.CallEvents.CountAsync(e => e.CallSid == sid, Ct));
        var listed = await db.WebhookErrors.AsNoTracking().Where(e => e.Kind == WebhookErrorKind.Quarantined).ToListAsync(Ct);
        Assert.Equal(left.Count, listed.Count);
        Assert.All(listed, e => Assert.StartsWith(reason, e.Detail, StringComparison.Ordinal));

        // Set aside without trying: no foreign-key violations, no retries, no stack traces.
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // several replay rounds
        Assert.DoesNotContain(b.Logs.Entries, e => e.Contains("FK_CallEvents", StringComparison.Ordinal));
        Assert.DoesNotContain(b.Logs.Entries, e => e.Contains("fails while the database answers", StringComparison.Ordinal));
        var replayer = b.Logs.Entries.Where(e => e.Contains(typeof(WebhookJournal).Namespace + ".JournalReplayer:", StringComparison.Ordinal)).ToList();
        Assert.Equal(left.Count, replayer.Count(e => e.Contains("was written against database", StringComparison.Ordinal)));
        Assert.All(replayer, e => Assert.EndsWith("| ", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_app_on_a_journal_folder_in_use_refuses_to_start_and_the_folder_is_free_again_once_the_first_is_disposed()
    {
        var first = Start(connectionString: null);
        try
        {
            _ = first.Services;
            var second = Start(connectionString: null);

            // The app ends before it serves anything (Program exits with 1); the log says why and what to do.
            Assert.ThrowsAny<Exception>(() => second.Services);
            await DisposeRefusedAsync(second);

            Assert.Contains(second.Logs.Entries, e => e.StartsWith("Critical", StringComparison.Ordinal)
                && e.Contains($"The webhook journal folder {JournalFolder} is in use by another app instance", StringComparison.Ordinal)
                && e.Contains("give each instance its own folder with Journal:Directory", StringComparison.Ordinal));
            Assert.Contains(second.Logs.Entries, e => e.Contains("Hosting failed to start", StringComparison.Ordinal)
                && e.Contains($"{nameof(JournalFolderInUseException)}: The webhook journal folder {JournalFolder} is in use", StringComparison.Ordinal));
            Assert.DoesNotContain(second.Logs.Entries, e => e.Contains("Applying database migrations", StringComparison.Ordinal));
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var third = Start(connectionString: null);
        Assert.Equal(JournalFolder, Path.GetDirectoryName(third.Services.GetRequiredService<WebhookJournal>().Path));
    }

    [Fact]
    public async Task A_second_app_process_on_a_journal_folder_in_use_exits_saying_what_to_do_and_the_folder_is_free_again_once_the_first_is_killed()
    {
        using var first = AppProcess.Start("journal-first", ProcessEnvironment("first"));
        await first.WaitReadyAsync(TimeSpan.FromSeconds(120), Ct);
        using var second = AppProcess.Start("journal-second", ProcessEnvironment("second"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.WaitReadyAsync(TimeSpan.FromSeconds(120), Ct));

        Assert.StartsWith("journal-second exited with code 1:", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"The webhook journal folder {JournalFolder} is in use by another app instance", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Journal:Directory", refused.Message, StringComparison.Ordinal);
        first.Kill(); // SIGKILL, like a crashed container: the kernel releases the lock with the process
        using var third = AppProcess.Start("journal-third", ProcessEnvironment("third"));
        await third.WaitReadyAsync(TimeSpan.FromSeconds(120), Ct);
    }

    public void Dispose()
    {
        if (Directory.Exists(shared))
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    private TelephonyAppFactory Start(string? connectionString)
    {
        var app = new TelephonyAppFactory(connectionString is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connectionString);
        HotlineHarness.Configure(app);
        app.Settings["Storage:DataDirectory"] = shared;
        app.Settings["Telephony:DatabaseBudgetMilliseconds"] = "2000";
        app.Settings["Journal:ReplayInterval"] = "00:00:00.200";
        return app;
    }

    // Each process has its own SQLite database and home; only the journal folder is shared.
    private Dictionary<string, string> ProcessEnvironment(string name) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Telephony"] = $"Data Source={Path.Combine(shared, name + ".db")}",
        ["Bootstrap__AdminEmail"] = TelephonyAppFactory.AdminEmail,
        ["Bootstrap__AdminPassword"] = TelephonyAppFactory.AdminPassword,
        ["Journal__Directory"] = JournalFolder,
    };

    // A host that failed to start has no hosted services to stop, and WebApplicationFactory stops it all the same.
    private static async Task DisposeRefusedAsync(TelephonyAppFactory app)
    {
        try
        {
            await app.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
            // the stop of a host that never started (it stopped before touching its database or data folder)
        }
    }

    private static async Task PostAsync(HotlineHarness hotline, string route, params (string, string)[] form)
    {
        using var response = await hotline.PostAsync(route, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
