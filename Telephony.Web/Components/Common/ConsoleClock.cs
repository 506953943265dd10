using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Components.Common;

/// <summary>
/// The one place the console turns an instant into something a person reads: in the hotline's zone
/// (<c>Telephony:TimeZone</c>), always with the zone's label ("06:31:45 EST"), so nobody has to guess whose clock it is.
/// </summary>
public sealed partial class ConsoleClock(IOptions<HotlineTimeZoneOptions> options, TimeProvider time)
{
    /// <summary>The zone (UTC when the id is unknown on this machine).</summary>
    public TimeZoneInfo Zone { get; } = Core.Voicemail.BusinessHours.FindZone(options.Value.TimeZone);

    /// <summary>The IANA id, shown as a tooltip beside labelled times.</summary>
    public string ZoneId => Zone.Id;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"06:31:45 EST".</summary>
    public string Time(DateTimeOffset at) => Format(at, "HH:mm:ss");

    /// <summary>"2026-12-06 06:31 EST".</summary>
    public string DateTime(DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm");

    /// <summary>"2026-12-06 06:31:45 EST".</summary>
    public string DateTimeSeconds(DateTimeOffset at) => Format(at, "yyyy-MM-dd HH:mm:ss");

    /// <summary>"2026-12-06" (the day in the zone; no label, a date has none).</summary>
    public string Date(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The zone's short label at <paramref name="at"/>: the North American abbreviation when there is one
    /// (EST/EDT, CST/CDT, MST/MDT, PST/PDT, AST/ADT, NST/NDT), otherwise the offset ("UTC+01:00").
    /// </summary>
    public string Label(DateTimeOffset at)
    {
        var daylight = Zone.IsDaylightSavingTime(at);
        var name = daylight ? Zone.DaylightName : Zone.StandardName;
        var match = NorthAmericanName().Match(name);
        if (match.Success)
        {
            return string.Concat(match.Groups[1].Value[0], match.Groups[2].Value[0], "T");
        }

        var offset = Zone.GetUtcOffset(at);
        return offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    private string Format(DateTimeOffset at, string pattern) =>
        Local(at).ToString(pattern, CultureInfo.InvariantCulture) + " " + Label(at);

    [GeneratedRegex("^(Eastern|Central|Mountain|Pacific|Atlantic|Newfoundland) (Standard|Daylight) Time$")]
    private static partial Regex NorthAmericanName();
}
