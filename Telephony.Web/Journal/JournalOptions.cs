using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Journal;

/// <summary><c>Journal:*</c> settings: how often journaled webhooks are retried against the database.</summary>
public sealed class JournalOptions
{
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(2);
}
