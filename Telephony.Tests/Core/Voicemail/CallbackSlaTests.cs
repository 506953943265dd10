using Telephony.Core.Voicemail;

namespace Telephony.Tests.Core.Voicemail;

public sealed class CallbackSlaTests
{
    private static readonly CallbackSla Sla = new(BusinessHours.Default);

    // Toronto is UTC-5 in November.
    private static DateTimeOffset Toronto(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(-5));

    [Fact]
    public void A_morning_voicemail_is_due_four_working_hours_later_the_same_day()
    {
        Assert.Equal(Toronto(24, 14), Sla.DueAt(Toronto(24, 10)));
    }

    [Fact]
    public void A_late_afternoon_voicemail_carries_over_to_the_next_morning()
    {
        Assert.Equal(Toronto(25, 11), Sla.DueAt(Toronto(24, 15)));
    }

    [Fact]
    public void A_friday_evening_voicemail_is_due_monday_at_one()
    {
        // Friday 27 November 2026, 20:00: nothing counts until Monday 9:00.
        Assert.Equal(Toronto(30, 13), Sla.DueAt(Toronto(27, 20)));
    }

    [Theory]
    [InlineData(11, SlaBadge.OnTime)]
    [InlineData(13, SlaBadge.DueSoon)]
    [InlineData(15, SlaBadge.Overdue)]
    public void The_badge_follows_the_clock(int nowHour, SlaBadge expected)
    {
        Assert.Equal(expected, Sla.Badge(Toronto(24, 10), Toronto(24, nowHour)));
    }

    [Fact]
    public void A_called_back_voicemail_is_met_or_missed_for_good()
    {
        Assert.Equal(SlaBadge.Met, Sla.Badge(Toronto(24, 10), Toronto(26, 10), calledBackAt: Toronto(24, 13)));
        Assert.Equal(SlaBadge.Missed, Sla.Badge(Toronto(24, 10), Toronto(26, 10), calledBackAt: Toronto(24, 16)));
    }
}
