using System.Globalization;

namespace Telephony.Web.Components.Common;

/// <summary>Short, readable durations for tables ("5 min", "3 h 10 min", "2 d").</summary>
public static class Ages
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
            : age.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d {age.Hours} h");
    }

    /// <summary>"just now" or "5 min ago".</summary>
    public static string Ago(TimeSpan age) => age.TotalMinutes < 1 ? "just now" : Format(age) + " ago";

    /// <summary>"deleted in 12 days", "deleted in 5 h", "deleted soon": how long a recording has left under retention.</summary>
    public static string DeletedIn(TimeSpan left) =>
        left <= TimeSpan.Zero ? "deleted soon"
        : left.TotalDays >= 2 ? string.Create(CultureInfo.InvariantCulture, $"deleted in {(int)Math.Ceiling(left.TotalDays)} days")
        : left.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"deleted in {(int)Math.Ceiling(left.TotalHours)} h")
        : "deleted within the hour";

    public static string Seconds(int? seconds) =>
        seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}") : "—";
}
