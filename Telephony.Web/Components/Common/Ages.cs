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

    public static string Seconds(int? seconds) =>
        seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}") : "—";
}
