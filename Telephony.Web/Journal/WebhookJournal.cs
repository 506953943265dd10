using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telephony.Web.Journal;

/// <summary>
/// An append-only file of webhooks whose database work failed: one JSON line per record, and one "done" line per
/// record once it was replayed. Every append is flushed to the disk (fsync) before it returns, so a webhook answered
/// after <see cref="AppendAsync"/> survives a crash. A torn last line (a crash mid-write) is logged and cut off.
/// Thread-safe. A journal has one writer: its folder is locked for the journal's lifetime (<see cref="LockPath"/>), and a
/// second journal on the same folder, in this process or another, is refused (see the constructor).
/// </summary>
public sealed partial class WebhookJournal : IDisposable
{
    private const int CompactAfterDone = 1000;

    // The HResult of the IOException .NET throws when the lock is held elsewhere: the errno of flock's EWOULDBLOCK on
    // Linux (11) and macOS (35), ERROR_SHARING_VIOLATION on Windows. Any other failure to open the file (permissions, a
    // read-only disk) keeps its own message.
    private static readonly int[] LockHeldElsewhere = [11, 35, unchecked((int)0x80070020)];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<JournalRecord> pending = [];
    private readonly ILogger logger;
    /// <summary>How long a new journal waits for the folder's previous holder to finish stopping before it refuses.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(3);

    private readonly FileStream folderLock;
    private int doneLines;

    /// <summary>Takes the journal's folder and loads what an earlier run left in it.</summary>
    /// <exception cref="JournalFolderInUseException">Another journal (another app instance) holds the folder.</exception>
    public WebhookJournal(string path, ILogger<WebhookJournal> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        this.logger = logger;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        folderLock = TakeFolder(); // before reading: loading cuts a torn tail, which would cut another writer's line
        Load();
    }

    public string Path { get; }

    /// <summary>The lock file held while this journal is open; it names the process that holds it.</summary>
    public string LockPath => System.IO.Path.ChangeExtension(Path, ".lock");

    /// <summary>Records not yet replayed.</summary>
    public int PendingCount
    {
        get
        {
            lock (pending)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>The oldest record not yet replayed; null when none waits.</summary>
    public JournalRecord? OldestPending
    {
        get
        {
            lock (pending)
            {
                return pending.Count == 0 ? null : pending[0];
            }
        }
    }

    /// <summary>The records not yet replayed, oldest first.</summary>
    public IReadOnlyList<JournalRecord> Pending()
    {
        lock (pending)
        {
            return [.. pending];
        }
    }

    /// <summary>Appends a record and returns once it is on the disk.</summary>
    public async Task AppendAsync(JournalRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendHeldAsync(record).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Marks a record replayed; when nothing is pending (or many done lines piled up) the file is compacted.</summary>
    public async Task MarkDoneAsync(string id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int left;
            lock (pending)
            {
                if (pending.RemoveAll(r => r.Id == id) == 0)
                {
                    return;
                }

                left = pending.Count;
            }

            if (left == 0 || ++doneLines >= CompactAfterDone)
            {
                Compact();
            }
            else
            {
                await WriteLineAsync(Path, JsonSerializer.Serialize(new Line { Kind = Line.DoneKind, Id = id }, Json)).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Where records set aside by <see cref="QuarantineAsync"/> are kept, one JSON line each, for an operator.</summary>
    public string QuarantinePath => System.IO.Path.ChangeExtension(Path, ".quarantine.jsonl");

    /// <summary>How many lines the quarantine file holds: records set aside on this instance, waiting for an operator.</summary>
    public int QuarantinedCount() =>
        File.Exists(QuarantinePath) ? File.ReadLines(QuarantinePath).Count(line => !string.IsNullOrWhiteSpace(line)) : 0;

    /// <summary>Copies a record that cannot be stored to the quarantine file (on the disk before this returns), then marks it done.</summary>
    public Task QuarantineAsync(JournalRecord record, CancellationToken cancellationToken) => QuarantineAsync(record, null, cancellationToken);

    /// <summary>
    /// Copies a record that cannot be stored to the quarantine file with <paramref name="reason"/> (for whoever reads the
    /// file), on the disk before this returns, then marks it done.
    /// </summary>
    public async Task QuarantineAsync(JournalRecord record, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var line = Line.Of(record);
            line.Reason = reason;
            await WriteLineAsync(QuarantinePath, JsonSerializer.Serialize(line, Json)).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        await MarkDoneAsync(record.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts the records set aside in <see cref="QuarantinePath"/> back in the journal, for the replayer to try again once
    /// their cause is fixed. They are on the disk in the journal before the quarantine file goes; a record already pending
    /// is not added twice, and a line that cannot be read stays in the quarantine file. So does a record written against
    /// another database than <paramref name="database"/> (this one's identity; null when not known yet, and then the
    /// replayer still sets such a record aside again): no fix makes it belong here.
    /// </summary>
    public async Task<QuarantineRequeue> RequeueQuarantinedAsync(string? database, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(QuarantinePath))
            {
                return new QuarantineRequeue(0, 0);
            }

            var requeued = 0;
            var otherDatabase = 0;
            var unreadable = 0;
            var kept = new List<string>();
            foreach (var text in await File.ReadAllLinesAsync(QuarantinePath, cancellationToken).ConfigureAwait(false))
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                if (Line.Parse(text)?.ToRecord() is not { } record)
                {
                    unreadable++;
                    kept.Add(text);
                    continue;
                }

                if (database is not null && !record.BelongsTo(database))
                {
                    otherDatabase++;
                    kept.Add(text);
                    continue;
                }

                lock (pending)
                {
                    if (pending.Exists(r => r.Id == record.Id))
                    {
                        continue;
                    }
                }

                await AppendHeldAsync(record).ConfigureAwait(false);
                requeued++;
            }

            if (kept.Count == 0)
            {
                File.Delete(QuarantinePath);
            }
            else
            {
                await File.WriteAllLinesAsync(QuarantinePath, kept, CancellationToken.None).ConfigureAwait(false);
            }

            if (unreadable > 0)
            {
                LogQuarantineUnreadable(logger, unreadable);
            }

            return new QuarantineRequeue(requeued, otherDatabase);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Releases the folder: another journal may take it from now on.</summary>
    public void Dispose()
    {
        folderLock.Dispose();
        gate.Dispose();
    }

    // An exclusive lock on a file in the folder, held open until Dispose. FileShare.None is an flock(LOCK_EX) on Linux:
    // it holds between processes and between two opens in one process, and the kernel releases it when the process dies
    // (even by SIGKILL), so a crash never leaves the folder taken. The file stays: deleting it on release would let two
    // later instances lock two different files of the same name.
    // A holder that is still stopping (a restart on the same host) gets a moment to let go before the folder counts as taken.
    private FileStream TakeFolder()
    {
        FileStream stream;
        var deadline = Environment.TickCount64 + (long)LockWait.TotalMilliseconds;
        while (true)
        {
            try
            {
                stream = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                break;
            }
            catch (IOException e) when (LockHeldElsewhere.Contains(e.HResult))
            {
                if (Environment.TickCount64 < deadline)
                {
                    Thread.Sleep(50);
                    continue;
                }

                var folder = System.IO.Path.GetDirectoryName(Path)!;
                LogFolderInUse(logger, folder, LockPath);
                throw new JournalFolderInUseException(folder, LockPath, e);
            }
        }

        // Who holds it, for an operator who finds the folder taken (the lock is advisory: `cat` reads it).
        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes($"{Environment.MachineName}:{Environment.ProcessId} since {DateTimeOffset.UtcNow:u}\n"));
        stream.Flush();
        return stream;
    }

    // With the gate held: the record's line on the disk, then pending.
    private async Task AppendHeldAsync(JournalRecord record)
    {
        await WriteLineAsync(Path, JsonSerializer.Serialize(Line.Of(record), Json)).ConfigureAwait(false);
        lock (pending)
        {
            pending.Add(record);
        }
    }

    // Appends one line to the journal or the quarantine file and syncs it to the disk before returning.
    private static async Task WriteLineAsync(string path, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    // Rewrites the file with only the pending records: written to a temporary file, synced, then renamed over.
    private void Compact()
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            lock (pending)
            {
                foreach (var record in pending)
                {
                    stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Line.Of(record), Json) + "\n"));
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        doneLines = 0;
    }

    private void Load()
    {
        if (!File.Exists(Path))
        {
            return;
        }

        var bytes = File.ReadAllBytes(Path);
        var end = bytes.Length;
        if (end > 0 && bytes[end - 1] != (byte)'\n')
        {
            // A crash during an append: that record was never acknowledged (its webhook was not answered from it).
            end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            LogTornTail(logger, bytes.Length - end);
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(end);
            file.Flush(flushToDisk: true);
        }

        var records = new List<JournalRecord>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            number++;
            var line = Line.Parse(text);
            if (line?.Kind == Line.DoneKind && line.Id is not null)
            {
                done.Add(line.Id);
                doneLines++;
            }
            else if (line?.ToRecord() is { } record)
            {
                records.Add(record);
            }
            else
            {
                LogUnreadable(logger, number);
            }
        }

        pending.AddRange(records.Where(r => !done.Contains(r.Id)));
        if (pending.Count > 0)
        {
            LogLoaded(logger, pending.Count);
        }
    }

    /// <summary>The on-disk shape of a line.</summary>
    private sealed class Line
    {
        public const string RecordKind = "webhook";
        public const string DoneKind = "done";

        public string? Kind { get; set; }

        public string? Id { get; set; }

        public string? Route { get; set; }

        public DateTimeOffset? ReceivedAt { get; set; }

        public string? Instance { get; set; }

        public List<string[]>? Form { get; set; }

        public Dictionary<string, string>? Context { get; set; }

        /// <summary>The identity of the database the record belongs to; absent in records written before it was kept.</summary>
        public string? Database { get; set; }

        /// <summary>Why a record was set aside; only in the quarantine file.</summary>
        public string? Reason { get; set; }

        /// <summary>The line, or null when it is not JSON.</summary>
        public static Line? Parse(string text)
        {
            try
            {
                return JsonSerializer.Deserialize<Line>(text, Json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public static Line Of(JournalRecord r) => new()
        {
            Kind = RecordKind,
            Id = r.Id,
            Route = r.Route,
            ReceivedAt = r.ReceivedAt,
            Instance = r.Instance,
            Form = [.. r.Form.Select(p => new[] { p.Key, p.Value })],
            Context = new Dictionary<string, string>(r.Context, StringComparer.Ordinal),
            Database = r.Database,
        };

        public JournalRecord? ToRecord() =>
            Kind == RecordKind && Id is not null && Route is not null && ReceivedAt is { } at && Form is not null
                ? new JournalRecord(
                    Id, Route, at, Instance ?? "",
                    [.. Form.Where(f => f.Length == 2).Select(f => KeyValuePair.Create(f[0], f[1]))],
                    Context ?? new Dictionary<string, string>(StringComparer.Ordinal))
                {
                    Database = Database,
                }
                : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook journal ended in a torn line ({Bytes} bytes, a crash during a write); it was cut off")]
    private static partial void LogTornTail(ILogger logger, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook journal's line {Line} is unreadable and was skipped")]
    private static partial void LogUnreadable(ILogger logger, int line);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} lines of the quarantine file are unreadable; they stay in it")]
    private static partial void LogQuarantineUnreadable(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The webhook journal folder {Folder} is in use by another app instance (it holds {LockPath}); give each instance its own folder with Journal:Directory")]
    private static partial void LogFolderInUse(ILogger logger, string folder, string lockPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook journal holds {Count} webhooks from an earlier run, to be replayed")]
    private static partial void LogLoaded(ILogger logger, int count);
}
