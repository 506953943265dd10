using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Tests.Web;
using Telephony.Web.Components.Common;

namespace Telephony.Tests.Components;

/// <summary>Times in the hotline's zone, labelled so nobody has to guess whose clock they read.</summary>
public sealed class ConsoleClockTests
{
    private static readonly DateTimeOffset Winter = new(2026, 12, 6, 11, 31, 45, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("America/Toronto", "06:31:45 EST", "08:00:00 EDT")]
    [InlineData("America/Halifax", "07:31:45 AST", "09:00:00 ADT")]
    [InlineData("America/Winnipeg", "05:31:45 CST", "07:00:00 CDT")]
    [InlineData("America/Vancouver", "03:31:45 PST", "05:00:00 PDT")]
    [InlineData("America/Edmonton", "04:31:45 MST", "06:00:00 MDT")]
    [InlineData("America/St_Johns", "08:01:45 NST", "09:30:00 NDT")]
    [InlineData("America/Regina", "05:31:45 CST", "06:00:00 CST")]
    [InlineData("America/Phoenix", "04:31:45 MST", "05:00:00 MST")]
    [InlineData("America/Cancun", "06:31:45 UTC−05:00", "07:00:00 UTC−05:00")]
    [InlineData("Europe/Paris", "12:31:45 UTC+01:00", "14:00:00 UTC+02:00")]
    [InlineData("Etc/UTC", "11:31:45 UTC", "12:00:00 UTC")]
    public void A_time_is_shown_in_the_zone_with_its_label_in_winter_and_summer(string zone, string winter, string summer)
    {
        var clock = Clock(zone);

        Assert.Equal(winter, clock.Time(Winter));
        Assert.Equal(summer, clock.Time(Summer));
    }

    [Theory]
    [InlineData("America/Toronto", "06:31:45 HNE", "08:00:00 HAE")]
    [InlineData("America/Halifax", "07:31:45 HNA", "09:00:00 HAA")]
    [InlineData("America/Edmonton", "04:31:45 HNR", "06:00:00 HAR")]
    [InlineData("America/St_Johns", "08:01:45 HNT", "09:30:00 HAT")]
    [InlineData("Europe/Paris", "12:31:45 UTC+01:00", "14:00:00 UTC+02:00")]
    public void In_french_the_zone_has_its_canadian_french_label(string zone, string winter, string summer)
    {
        var clock = Clock(zone);
        var english = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        try
        {
            Assert.Equal(winter, clock.Time(Winter));
            Assert.Equal(summer, clock.Time(Summer));
        }
        finally
        {
            CultureInfo.CurrentUICulture = english;
        }
    }

    [Fact]
    public void A_zone_first_loaded_by_a_french_reader_is_still_labelled_in_english_for_an_english_one()
    {
        // The runtime keeps a zone's display names in the language that first loaded it; the label must not depend on them.
        var english = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        ConsoleClock clock;
        try
        {
            clock = Clock("America/Moncton");
            Assert.Equal("07:31:45 HNA", clock.Time(Winter));
        }
        finally
        {
            CultureInfo.CurrentUICulture = english;
        }

        Assert.Equal("07:31:45 AST", clock.Time(Winter));
    }

    [Fact]
    public void Dates_and_date_times_are_in_the_zone_too()
    {
        var clock = Clock("America/Toronto");
        var lateEvening = new DateTimeOffset(2026, 12, 7, 2, 15, 0, TimeSpan.Zero);

        Assert.Equal("2026-12-06", clock.Date(lateEvening));
        Assert.Equal("2026-12-06 21:15 EST", clock.DateTime(lateEvening));
        Assert.Equal("2026-12-06 21:15:00 EST", clock.DateTimeSeconds(lateEvening));
    }

    [Fact]
    public void The_default_zone_is_Toronto_and_now_comes_from_the_time_provider()
    {
        var clock = new ConsoleClock(Options.Create(new HotlineTimeZoneOptions()), new FakeTimeProvider(Winter));

        Assert.Equal("America/Toronto", clock.ZoneId);
        Assert.Equal(Winter, clock.Now);
    }

    [Fact]
    public async Task A_time_zone_the_machine_does_not_know_stops_the_app_with_a_clear_message()
    {
        await using var app = new TelephonyAppFactory();
        app.Settings["Telephony:TimeZone"] = "America/Atlantis";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Telephony:TimeZone 'America/Atlantis' is not a time zone this machine knows", error.Message, StringComparison.Ordinal);
    }

    private static ConsoleClock Clock(string zone) =>
        new(Options.Create(new HotlineTimeZoneOptions { TimeZone = zone }), new FakeTimeProvider(Winter));
}
