using Telephony.Core.Reports;

namespace Telephony.Tests.Core.Reports;

public sealed class ReportRangeTests
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly TimeZoneInfo StJohns = TimeZoneInfo.FindSystemTimeZoneById("America/St_Johns");
    private static readonly DateOnly Today = new(2026, 12, 3); // a Thursday

    [Fact]
    public void No_range_in_the_address_is_today_in_hours()
    {
        var range = ReportRange.Parse(null, null, null, Today, out var errors)!;

        Assert.Empty(errors);
        Assert.Equal((ReportPeriod.Day, Today, Today), (range.Period, range.First, range.Last));
        Assert.True(range.Hourly);
        Assert.Equal("range=day&from=2026-12-03", range.Query());
    }

    [Fact]
    public void A_week_runs_monday_to_sunday_and_a_month_from_its_first_day_whatever_day_the_address_names()
    {
        var week = ReportRange.Parse("week", "2026-11-30", null, Today, out _)!;
        var thisWeek = ReportRange.Parse("WEEK", null, null, Today, out _)!;
        var month = ReportRange.Parse("month", "2026-02-17", null, Today, out _)!;

        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)), (week.First, week.Last));
        Assert.Equal(week, thisWeek);
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (month.First, month.Last));
        Assert.False(month.Hourly);
        Assert.Equal(28, month.Buckets(Toronto).Count);
        Assert.Equal("range=week&from=2026-11-30", week.Query());
        Assert.Equal(new DateOnly(2026, 11, 23), week.Shift(-1).First);
        Assert.Equal(new DateOnly(2026, 3, 1), month.Shift(1).First);
    }

    [Fact]
    public void A_custom_range_of_one_day_is_in_hours_and_longer_ones_in_days()
    {
        var one = ReportRange.Parse("custom", "2026-11-24", "2026-11-24", Today, out _)!;
        var three = ReportRange.Parse("custom", "2026-11-24", "2026-11-26", Today, out _)!;

        Assert.True(one.Hourly);
        Assert.Equal(24, one.Buckets(Toronto).Count);
        Assert.Equal(3, three.Buckets(Toronto).Count);
        Assert.Equal("range=custom&from=2026-11-24&to=2026-11-26", three.Query());
        Assert.Equal(new DateOnly(2026, 11, 27), three.Shift(1).First);
    }

    [Fact]
    public void Days_start_at_local_midnight_and_the_days_the_clocks_change_have_23_and_25_hours()
    {
        var spring = ReportRange.Of(ReportPeriod.Day, new DateOnly(2026, 3, 8)).Buckets(Toronto);
        var autumn = ReportRange.Of(ReportPeriod.Day, new DateOnly(2026, 11, 1)).Buckets(Toronto);
        var week = ReportRange.Of(ReportPeriod.Week, new DateOnly(2026, 3, 4)).Buckets(Toronto);
        var newfoundland = ReportRange.Of(ReportPeriod.Day, new DateOnly(2026, 12, 3)).Buckets(StJohns);

        Assert.Equal(23, spring.Count);
        Assert.Equal(25, autumn.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), autumn[0].From); // midnight EDT
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero), autumn[^1].To); // midnight EST
        Assert.Equal(TimeSpan.FromHours(23), week[6].To - week[6].From); // Sunday 8 March is 23 hours long
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero), week[0].From);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 3, 30, 0, TimeSpan.Zero), newfoundland[0].From);
        Assert.All(spring.Concat(autumn), b => Assert.Equal(TimeSpan.FromHours(1), b.To - b.From));
    }

    [Theory]
    [InlineData("year", null, null, "range", ReportRangeProblem.UnknownRange)]
    [InlineData("week", "30/11/2026", null, "from", ReportRangeProblem.NotADate)]
    [InlineData("custom", "2026-11-01", null, "to", ReportRangeProblem.CustomNeedsBothDates)]
    [InlineData("custom", null, "2026-11-01", "from", ReportRangeProblem.CustomNeedsBothDates)]
    [InlineData("custom", "2026-11-02", "2026-11-01", "to", ReportRangeProblem.EndsBeforeItStarts)]
    [InlineData("custom", "2025-01-01", "2026-11-01", "to", ReportRangeProblem.TooLong)]
    [InlineData("custom", "2026-11-01", "tomorrow", "to", ReportRangeProblem.NotADate)]
    public void A_bad_address_names_the_parameter_and_the_problem(string range, string? from, string? to, string parameter, ReportRangeProblem problem)
    {
        var parsed = ReportRange.Parse(range, from, to, Today, out var errors);

        Assert.Null(parsed);
        var error = Assert.Single(errors);
        Assert.Equal((parameter, problem), (error.Parameter, error.Problem));
        Assert.NotEmpty(error.Describe());
    }
}
