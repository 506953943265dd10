namespace Telephony.Core.Alerts;

/// <summary>
/// What one instance can see is wrong with itself without asking the database. Each condition pages on its own key, so
/// several instances that see the same outage open one incident at the paging service.
/// </summary>
public static class OutageConditions
{
    public const string DatabaseUnreachable = "database-unreachable";
    public const string JournalNotDraining = "journal-not-draining";
    public const string ChangeFeedDown = "change-feed-down";

    /// <summary>Every condition with a title for people, in display order.</summary>
    public static IReadOnlyList<(string Key, string Title)> All { get; } =
    [
        (DatabaseUnreachable, "Database unreachable"),
        (JournalNotDraining, "Journal not draining"),
        (ChangeFeedDown, "Change feed down"),
    ];

    public static bool IsCondition(string key) => All.Any(c => c.Key == key);

    public static string? TitleOf(string key) => All.FirstOrDefault(c => c.Key == key).Title;

    /// <summary>The paging service's deduplication key: the same on every instance, for as long as the condition lasts.</summary>
    public static string DedupKey(string source, string condition) => $"{source}:{condition}";
}
