using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Journal;

/// <summary><c>Journal:*</c> settings: where the journal lives and how often journaled webhooks are retried against the database.</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// The instance's own journal folder; empty means <c>Storage:DataDirectory/journal</c>. Instances that share a data
    /// directory (several containers on one volume) must each set their own, on local disk: a journal has one writer, and
    /// an instance that finds its folder locked by another refuses to start.
    /// </summary>
    public string Directory { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a record may keep failing while the database answers before it is set aside (its own fault, e.g. a
    /// row the database refuses): moved to <c>webhooks.quarantine.jsonl</c> beside the journal and shown on the Errors page.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan QuarantineAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the oldest waiting record may stay without any record being replayed before readiness calls the journal
    /// unhealthy (not draining). Shorter, it is only degraded: records wait but the replayer is getting through them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(1);
}
