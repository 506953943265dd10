using System.Globalization;

namespace Telephony.Web.Components.Common;

/// <summary>
/// METRICS.md: a rate or average with an empty denominator is "—", never 0 % or 0 s. Numbers follow the current
/// culture ("12.5 %" and "1,234" in English, "12,5 %" and "1 234" in French).
/// </summary>
public static class MetricFormat
{
    public const string Missing = "—";

    public static string Percent(double? fraction) =>
        fraction is { } f ? string.Create(CultureInfo.CurrentCulture, $"{f * 100:0.#} %") : Missing;

    public static string Seconds(double? seconds) => seconds switch
    {
        null => Missing,
        < 60 => string.Create(CultureInfo.CurrentCulture, $"{seconds:0} s"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{(int)(seconds.Value / 60)} min {(int)(seconds.Value % 60)} s"),
    };

    public static string Age(TimeSpan? age) => age is { } a ? Ages.Format(a) : Missing;

    public static string Count(int count) => count.ToString("N0", CultureInfo.CurrentCulture);
}
