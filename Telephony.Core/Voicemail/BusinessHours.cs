namespace Telephony.Core.Voicemail;

/// <summary>When the hotline's staff work, in the operator's time zone (callback SLAs count only these hours).</summary>
public sealed record BusinessHours(TimeZoneInfo TimeZone, TimeOnly Opens, TimeOnly Closes, IReadOnlySet<DayOfWeek> Days)
{
    /// <summary>Monday to Friday, 9:00 to 17:00, Toronto time.</summary>
    public static BusinessHours Default { get; } = new(
        FindZone("America/Toronto"),
        new TimeOnly(9, 0),
        new TimeOnly(17, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });

    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The moment <paramref name="hours"/> business hours after <paramref name="start"/>.</summary>
    public DateTimeOffset AddBusinessHours(DateTimeOffset start, double hours)
    {
        var remaining = TimeSpan.FromHours(hours);
        var local = TimeZoneInfo.ConvertTime(start, TimeZone);
        for (var day = 0; day < 3660; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime);
            if (Days.Contains(date.DayOfWeek))
            {
                var open = At(date, Opens);
                var close = At(date, Closes);
                var from = local < open ? open : local;
                if (from < close)
                {
                    var available = close - from;
                    if (available >= remaining)
                    {
                        return (from + remaining).ToUniversalTime();
                    }

                    remaining -= available;
                }
            }

            local = At(date.AddDays(1), TimeOnly.MinValue);
        }

        throw new InvalidOperationException("The business hours have no open time.");
    }

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var wall = date.ToDateTime(time);
        return new DateTimeOffset(wall, TimeZone.GetUtcOffset(wall));
    }
}
