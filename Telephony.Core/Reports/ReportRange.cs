using System.Globalization;

namespace Telephony.Core.Reports;

/// <summary>
/// The days a report covers, <see cref="First"/> to <see cref="Last"/> included, in the hotline's zone, and how they are
/// cut: in hours when the range is one day, else in days. A week starts on Monday, a month on its first day.
/// </summary>
public sealed record ReportRange
{
    /// <summary>The longest custom range, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>How dates are written in the address: <c>2026-11-30</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private ReportRange(ReportPeriod period, DateOnly first, DateOnly last)
    {
        Period = period;
        First = first;
        Last = last;
    }

    public ReportPeriod Period { get; }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    /// <summary>Cut in hours (a one-day range) rather than days.</summary>
    public bool Hourly => First == Last;

    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>The day, week or month holding <paramref name="day"/>.</summary>
    public static ReportRange Of(ReportPeriod period, DateOnly day) => period switch
    {
        ReportPeriod.Day => new(period, day, day),
        ReportPeriod.Week => new(period, MondayOf(day), MondayOf(day).AddDays(6)),
        ReportPeriod.Month => new(period, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        _ => new(ReportPeriod.Custom, day, day),
    };

    /// <summary>A custom range; null when <paramref name="last"/> is before <paramref name="first"/> or the range is longer than <see cref="MaxDays"/>.</summary>
    public static ReportRange? Custom(DateOnly first, DateOnly last) =>
        last < first || last.DayNumber - first.DayNumber + 1 > MaxDays ? null : new(ReportPeriod.Custom, first, last);

    /// <summary>
    /// Reads the address's <c>range</c>, <c>from</c> and <c>to</c> (dates as <c>2026-11-30</c>). Absent, the range is
    /// today; a day, week or month without <c>from</c> is the one holding <paramref name="today"/>; a custom range needs
    /// both dates. Each bad parameter is named in <paramref name="errors"/>, and the range is then null.
    /// </summary>
    public static ReportRange? Parse(string? range, string? from, string? to, DateOnly today, out IReadOnlyList<ReportRangeError> errors)
    {
        var found = new List<ReportRangeError>();
        errors = found;
        var period = ReportPeriod.Day;
        if (!string.IsNullOrWhiteSpace(range) && !TryPeriod(range.Trim(), out period))
        {
            found.Add(new ReportRangeError("range", ReportRangeProblem.UnknownRange, range));
        }

        var first = Date("from", from, found);
        var last = Date("to", to, found);
        if (found.Count > 0)
        {
            return null;
        }

        if (period != ReportPeriod.Custom)
        {
            return Of(period, first ?? today);
        }

        if (first is null || last is null)
        {
            found.Add(new ReportRangeError(first is null ? "from" : "to", ReportRangeProblem.CustomNeedsBothDates, null));
            return null;
        }

        if (last < first)
        {
            found.Add(new ReportRangeError("to", ReportRangeProblem.EndsBeforeItStarts, to));
            return null;
        }

        var custom = Custom(first.Value, last.Value);
        if (custom is null)
        {
            found.Add(new ReportRangeError("to", ReportRangeProblem.TooLong, to));
        }

        return custom;
    }

    /// <summary>The wire name of <paramref name="period"/>: <c>day</c>, <c>week</c>, <c>month</c>, <c>custom</c>.</summary>
    public static string Name(ReportPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>The same kind of range just before (<paramref name="step"/> −1) or after (+1) this one.</summary>
    public ReportRange Shift(int step) => Period switch
    {
        ReportPeriod.Day => Of(Period, First.AddDays(step)),
        ReportPeriod.Week => Of(Period, First.AddDays(7 * step)),
        ReportPeriod.Month => Of(Period, First.AddMonths(step)),
        _ => new(Period, First.AddDays(step * Days), Last.AddDays(step * Days)),
    };

    /// <summary>The query string that shows this range: <c>range=week&amp;from=2026-11-30</c>.</summary>
    public string Query() =>
        "range=" + Name(Period) + "&from=" + Format(First) + (Period == ReportPeriod.Custom ? "&to=" + Format(Last) : "");

    /// <summary>
    /// The buckets as UTC instants, in order, each <c>[From, To)</c>: the clock hours of the day (23 or 25 on a day the
    /// clocks change), or the days, each from local midnight to the next.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Buckets(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = Midnight(First, zone);
        var end = Midnight(Last.AddDays(1), zone);
        var buckets = new List<(DateTimeOffset From, DateTimeOffset To)>();
        if (Hourly)
        {
            for (var hour = start; hour < end; hour = hour.AddHours(1))
            {
                buckets.Add((hour, hour.AddHours(1) < end ? hour.AddHours(1) : end));
            }

            return buckets;
        }

        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            buckets.Add((Midnight(day, zone), Midnight(day.AddDays(1), zone)));
        }

        return buckets;
    }

    /// <summary>The start of <paramref name="day"/> in <paramref name="zone"/>, in UTC.</summary>
    public static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static bool TryPeriod(string value, out ReportPeriod period)
    {
        foreach (var candidate in Enum.GetValues<ReportPeriod>())
        {
            if (string.Equals(Name(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                period = candidate;
                return true;
            }
        }

        period = ReportPeriod.Day;
        return false;
    }

    private static DateOnly? Date(string name, string? value, List<ReportRangeError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2199)
        {
            return day;
        }

        errors.Add(new ReportRangeError(name, ReportRangeProblem.NotADate, value));
        return null;
    }
}
