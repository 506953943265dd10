using System.Text;
using Microsoft.Extensions.Logging;
using Telephony.Core.Twilio;
using Telephony.Tests.Web;
using Telephony.Web.Journal;

namespace Telephony.Tests.Durability;

/// <summary>The journal file on its own: order, crash tolerance, concurrency, compaction.</summary>
public sealed class WebhookJournalTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"telephony-journal-{Guid.NewGuid():N}");
    private readonly CapturedLogs logs = new();
    private readonly LoggerFactory loggerFactory;

    public WebhookJournalTests() => loggerFactory = new LoggerFactory([logs]);

    private string FilePath => Path.Combine(directory, "journal", "webhooks.jsonl");

    [Fact]
    public async Task Records_come_back_in_the_order_they_were_appended_after_a_restart()
    {
        using (var journal = Open())
        {
            for (var i = 0; i < 5; i++)
            {
                await journal.AppendAsync(Record(i), TestContext.Current.CancellationToken);
            }
        }

        using var reopened = Open();
        var pending = reopened.Pending();
        Assert.Equal(["CA0", "CA1", "CA2", "CA3", "CA4"], pending.Select(r => r.Field("CallSid")));
        Assert.Equal("+14385550100", pending[0].Field("From"));
        Assert.Equal("1", pending[0].Value("consent"));
        Assert.Equal(TwilioRoutes.RecordingStatus, pending[0].Route);
    }

    [Fact]
    public async Task A_torn_last_line_from_a_crash_is_cut_off_with_a_log_line_and_the_journal_stays_usable()
    {
        using (var journal = Open())
        {
            await journal.AppendAsync(Record(1), TestContext.Current.CancellationToken);
            await journal.AppendAsync(Record(2), TestContext.Current.CancellationToken);
        }

        await File.AppendAllTextAsync(FilePath, "{\"kind\":\"webhook\",\"id\":\"torn\",\"route\":\"/twil", Encoding.UTF8, TestContext.Current.CancellationToken);

        using (var journal = Open())
        {
            Assert.Equal(["CA1", "CA2"], journal.Pending().Select(r => r.Field("CallSid")));
            await journal.AppendAsync(Record(3), TestContext.Current.CancellationToken);
        }

        using var reopened = Open();
        Assert.Equal(["CA1", "CA2", "CA3"], reopened.Pending().Select(r => r.Field("CallSid")));
        Assert.Contains(logs.Entries, e => e.Contains("torn line", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("+14385550100", StringComparison.Ordinal)); // contents are never logged
    }

    [Fact]
    public async Task An_unreadable_line_in_the_middle_is_skipped_with_a_log_line()
    {
        using (var journal = Open())
        {
            await journal.AppendAsync(Record(1), TestContext.Current.CancellationToken);
        }

        await File.AppendAllTextAsync(FilePath, "not json\n", TestContext.Current.CancellationToken);
        using (var journal = Open())
        {
            await journal.AppendAsync(Record(2), TestContext.Current.CancellationToken);
        }

        using var reopened = Open();
        Assert.Equal(["CA1", "CA2"], reopened.Pending().Select(r => r.Field("CallSid")));
        Assert.Contains(logs.Entries, e => e.Contains("unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_appends_each_land_on_their_own_line()
    {
        using (var journal = Open())
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => journal.AppendAsync(Record(i), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));
            Assert.Equal(200, journal.PendingCount);
        }

        using var reopened = Open();
        Assert.Equal(200, reopened.Pending().Select(r => r.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"CA{i}").Order(), reopened.Pending().Select(r => r.Field("CallSid")!).Order());
        Assert.Equal(200, (await File.ReadAllLinesAsync(FilePath, TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task Records_marked_done_stay_done_after_a_restart_and_an_emptied_journal_is_compacted()
    {
        using (var journal = Open())
        {
            var first = Record(1);
            await journal.AppendAsync(first, TestContext.Current.CancellationToken);
            await journal.AppendAsync(Record(2), TestContext.Current.CancellationToken);
            await journal.MarkDoneAsync(first.Id, TestContext.Current.CancellationToken);
        }

        using (var journal = Open())
        {
            var pending = Assert.Single(journal.Pending());
            Assert.Equal("CA2", pending.Field("CallSid"));
            await journal.MarkDoneAsync(pending.Id, TestContext.Current.CancellationToken);
            Assert.Equal(0, journal.PendingCount);
        }

        Assert.Equal(0, new FileInfo(FilePath).Length);
        using var reopened = Open();
        Assert.Equal(0, reopened.PendingCount);
    }

    public void Dispose()
    {
        loggerFactory.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Requeued_records_are_pending_again_once_each_and_survive_a_restart_while_an_unreadable_line_stays_set_aside()
    {
        var ct = TestContext.Current.CancellationToken;
        var (setAside, stillPending) = (Record(1), Record(2));
        using (var journal = Open())
        {
            await journal.AppendAsync(setAside, ct);
            await journal.AppendAsync(stillPending, ct);
            await journal.QuarantineAsync(setAside, ct);
            await journal.QuarantineAsync(stillPending, ct);
            await journal.AppendAsync(stillPending, ct); // requeued by hand meanwhile: not added twice
            await File.AppendAllTextAsync(journal.QuarantinePath, "{\"kind\":\"webhook\",\"id\n", ct);
            Assert.Equal([stillPending.Id], journal.Pending().Select(r => r.Id));

            Assert.Equal(new QuarantineRequeue(1, 0), await journal.RequeueQuarantinedAsync("this-database", ct));

            Assert.Equal([stillPending.Id, setAside.Id], journal.Pending().Select(r => r.Id));
            Assert.Equal(["{\"kind\":\"webhook\",\"id"], await File.ReadAllLinesAsync(journal.QuarantinePath, ct));
            Assert.Contains(logs.Entries, e => e.Contains("unreadable; they stay in it", StringComparison.Ordinal));
            Assert.Equal(new QuarantineRequeue(0, 0), await journal.RequeueQuarantinedAsync("this-database", ct));
        }

        using var reopened = Open();
        Assert.Equal([stillPending.Id, setAside.Id], reopened.Pending().Select(r => r.Id));
        Assert.Equal("CA1", reopened.Pending()[1].Field("CallSid"));
    }

    [Fact]
    public async Task A_second_journal_on_the_same_folder_is_refused_with_what_to_do_and_the_folder_can_be_taken_once_the_first_is_disposed()
    {
        var first = Open();
        await first.AppendAsync(Record(1), TestContext.Current.CancellationToken);

        var refused = Assert.Throws<JournalFolderInUseException>(Open);

        var folder = Path.GetDirectoryName(FilePath)!;
        Assert.Equal(folder, refused.Folder);
        Assert.Contains($"The webhook journal folder {folder} is in use by another app instance", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Journal:Directory", refused.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.StartsWith("Critical", StringComparison.Ordinal) && e.Contains("Journal:Directory", StringComparison.Ordinal));
        Assert.Contains($":{Environment.ProcessId} since ", await ReadSharedAsync(first.LockPath), StringComparison.Ordinal); // who holds it

        first.Dispose();
        using var second = Open();
        Assert.Equal(["CA1"], second.Pending().Select(r => r.Field("CallSid")));
    }

    [Fact]
    public async Task Records_keep_the_database_they_belong_to_and_a_set_aside_record_keeps_its_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var stamped = Record(1) with { Database = "0123456789abcdef0123456789abcdef" };
        using (var journal = Open())
        {
            await journal.AppendAsync(stamped, ct);
            await journal.AppendAsync(Record(2), ct);
            await journal.QuarantineAsync(Record(3), "refused for a reason", ct);
        }

        using var reopened = Open();
        Assert.Equal(["0123456789abcdef0123456789abcdef", null], reopened.Pending().Select(r => r.Database));
        Assert.Contains("\"reason\":\"refused for a reason\"", await File.ReadAllTextAsync(reopened.QuarantinePath, ct), StringComparison.Ordinal);
        Assert.True(stamped.BelongsTo("0123456789abcdef0123456789abcdef"));
        Assert.False(stamped.BelongsTo("fedcba9876543210fedcba9876543210"));
        Assert.True(Record(4).BelongsTo("fedcba9876543210fedcba9876543210")); // written before records carried it
    }

    [Fact]
    public async Task Requeue_leaves_records_of_another_database_set_aside()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ours, theirs, older) = (Record(1) with { Database = "ours" }, Record(2) with { Database = "theirs" }, Record(3));
        using var journal = Open();
        foreach (var record in new[] { ours, theirs, older })
        {
            await journal.QuarantineAsync(record, "set aside", ct);
        }

        Assert.Equal(new QuarantineRequeue(2, 1), await journal.RequeueQuarantinedAsync("ours", ct));

        Assert.Equal([ours.Id, older.Id], journal.Pending().Select(r => r.Id));
        var left = Assert.Single(await File.ReadAllLinesAsync(journal.QuarantinePath, ct));
        Assert.Contains(theirs.Id, left, StringComparison.Ordinal);
        Assert.Equal(new QuarantineRequeue(0, 1), await journal.RequeueQuarantinedAsync("ours", ct));
    }

    private WebhookJournal Open() => new(FilePath, loggerFactory.CreateLogger<WebhookJournal>());

    // The lock is advisory: a reader that asks for no lock (like `cat`) still reads the file.
    private static async Task<string> ReadSharedAsync(string path)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return text;
    }

    private static JournalRecord Record(int n) => new(
        Guid.NewGuid().ToString("N"),
        TwilioRoutes.RecordingStatus,
        DateTimeOffset.UtcNow,
        "test",
        [KeyValuePair.Create("CallSid", $"CA{n}"), KeyValuePair.Create("From", "+14385550100")],
        new Dictionary<string, string> { ["consent"] = "1" });
}
