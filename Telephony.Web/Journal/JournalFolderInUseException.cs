namespace Telephony.Web.Journal;

/// <summary>
/// The journal folder is locked by another journal: another app instance (or another journal in this process) writes
/// there. The app refuses to start rather than share it: two writers would interleave, compact over each other's
/// records and replay each other's webhooks.
/// </summary>
public sealed class JournalFolderInUseException : IOException
{
    public JournalFolderInUseException(string folder, string lockPath, Exception innerException)
        : base(
            $"The webhook journal folder {folder} is in use by another app instance (it holds {lockPath}; the file names that process). " +
            "A journal has one writer: give each instance its own folder on local disk with Journal:Directory " +
            "(environment variable Journal__Directory), or stop the other instance first.",
            innerException)
    {
        Folder = folder;
    }

    public JournalFolderInUseException()
        : base("The webhook journal folder is in use by another app instance.")
    {
        Folder = "";
    }

    public JournalFolderInUseException(string message)
        : base(message)
    {
        Folder = "";
    }

    public JournalFolderInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Folder = "";
    }

    /// <summary>The folder that was refused.</summary>
    public string Folder { get; }
}
