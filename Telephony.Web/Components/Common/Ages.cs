using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Telephony.Web.Components.Common;

/// <summary>Short, readable durations for tables ("5 min", "3 h 10 min", "2 d"), in the current UI culture.</summary>
public static class Ages
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalMinutes < 1 ? Shared["just now"]
            : age.TotalHours < 1 ? Shared["{0} min", (int)age.TotalMinutes]
            : age.TotalDays < 1 ? Shared["{0} h {1} min", (int)age.TotalHours, age.Minutes]
            : Shared["{0} d {1} h", (int)age.TotalDays, age.Hours];
    }

    /// <summary>"just now" or "5 min ago".</summary>
    public static string Ago(TimeSpan age) => age.TotalMinutes < 1 ? Shared["just now"] : Shared["{0} ago", Format(age)];

    /// <summary>"deleted in 12 days", "deleted in 5 h", "deleted soon": how long a recording has left under retention.</summary>
    public static string DeletedIn(TimeSpan left) =>
        left <= TimeSpan.Zero ? Shared["deleted soon"]
        : left.TotalDays >= 2 ? Shared["deleted in {0} days", (int)Math.Ceiling(left.TotalDays)]
        : left.TotalHours >= 1 ? Shared["deleted in {0} h", (int)Math.Ceiling(left.TotalHours)]
        : Shared["deleted within the hour"];

    public static string Seconds(int? seconds) =>
        seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}") : "—";

    private static IStringLocalizer Shared => SharedStrings.Localizer;
}
