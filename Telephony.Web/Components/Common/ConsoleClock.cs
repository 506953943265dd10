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

    private readonly (char English, char French)? region = NorthAmericanRegion(Core.Voicemail.BusinessHours.FindZone(options.Value.TimeZone));

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
    /// The zone's short label at <paramref name="at"/>: for the zones of Canada and the United States, the usual
    /// abbreviation in the reader's language (EST/EDT in English, HNE/HAE in French; likewise Central, Mountain, Pacific,
    /// Atlantic and Newfoundland), otherwise the offset ("UTC+01:00").
    /// </summary>
    public string Label(DateTimeOffset at)
    {
        var daylight = Zone.IsDaylightSavingTime(at);
        if (region is { } letters)
        {
            return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr"
                ? (daylight ? "HA" : "HN") + letters.French
                : letters.English + (daylight ? "DT" : "ST");
        }

        var offset = Zone.GetUtcOffset(at);
        return offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    private string Format(DateTimeOffset at, string pattern) =>
        Local(at).ToString(pattern, CultureInfo.InvariantCulture) + " " + Label(at);

    /// <summary>
    /// The region's letter in each language, from the zone's Windows id ("Eastern Standard Time", "Canada Central
    /// Standard Time"…). That id is the same in every culture, unlike the zone's display names, which the runtime
    /// caches in whichever language first loaded the zone.
    /// </summary>
    private static (char English, char French)? NorthAmericanRegion(TimeZoneInfo zone)
    {
        var windowsId = TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out var converted) ? converted : zone.Id;
        return NorthAmericanWindowsId().Match(windowsId) is { Success: true } match
            ? match.Groups[1].Value switch
            {
                "Eastern" => ('E', 'E'),
                "Central" => ('C', 'C'),
                "Mountain" => ('M', 'R'),
                "Pacific" => ('P', 'P'),
                "Atlantic" => ('A', 'A'),
                _ => ('N', 'T'),
            }
            : null;
    }

    [GeneratedRegex("^(?:US |Canada )?(Eastern|Central|Mountain|Pacific|Atlantic|Newfoundland) Standard Time$")]
    private static partial Regex NorthAmericanWindowsId();
}
