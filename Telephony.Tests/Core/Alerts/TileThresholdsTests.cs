using System.ComponentModel.DataAnnotations;
using Telephony.Core.Alerts;

namespace Telephony.Tests.Core.Alerts;

public sealed class TileThresholdsTests
{
    private static readonly TileThresholds Defaults = new();

    [Theory]
    [InlineData(null, TileTone.Neutral)]
    [InlineData(0.96, TileTone.Good)]
    [InlineData(0.95, TileTone.Good)] // exactly at the amber limit is not below it
    [InlineData(0.9499, TileTone.Warning)]
    [InlineData(0.9, TileTone.Warning)] // exactly at the red limit is not below it
    [InlineData(0.8999, TileTone.Bad)]
    [InlineData(0.0, TileTone.Bad)]
    public void Call_success_is_amber_below_95_percent_and_red_below_90(double? rate, TileTone tone) =>
        Assert.Equal(tone, Defaults.CallSuccess(rate));

    [Theory]
    [InlineData(null, TileTone.Neutral)]
    [InlineData(0, TileTone.Good)]
    [InlineData(5, TileTone.Good)] // exactly at the amber limit is not above it
    [InlineData(6, TileTone.Warning)]
    [InlineData(10, TileTone.Warning)]
    [InlineData(11, TileTone.Bad)]
    public void The_voicemail_backlog_is_amber_above_5_and_red_above_10(int? waiting, TileTone tone) =>
        Assert.Equal(tone, Defaults.VoicemailBacklog(waiting));

    [Fact]
    public void Errors_per_hour_are_amber_from_the_first_error_and_red_above_five()
    {
        Assert.Equal(TileTone.Good, Defaults.ErrorsPerHour(0));
        Assert.Equal(TileTone.Warning, Defaults.ErrorsPerHour(1));
        Assert.Equal(TileTone.Warning, Defaults.ErrorsPerHour(5));
        Assert.Equal(TileTone.Bad, Defaults.ErrorsPerHour(6));
    }

    [Fact]
    public void The_oldest_voicemail_is_judged_in_hours_and_nothing_waiting_is_neutral()
    {
        Assert.Equal(TileTone.Neutral, Defaults.OldestVoicemail(null));
        Assert.Equal(TileTone.Good, Defaults.OldestVoicemail(TimeSpan.FromHours(1)));
        Assert.Equal(TileTone.Warning, Defaults.OldestVoicemail(TimeSpan.FromMinutes(61)));
        Assert.Equal(TileTone.Warning, Defaults.OldestVoicemail(TimeSpan.FromHours(4)));
        Assert.Equal(TileTone.Bad, Defaults.OldestVoicemail(TimeSpan.FromHours(4.01)));
    }

    [Fact]
    public void Changed_limits_move_the_boundaries()
    {
        var tiles = new TileThresholds { AnswerRateAmberBelow = 0.9, AnswerRateRedBelow = 0.5, AbandonmentAmberAbove = 0.2, AbandonmentRedAbove = 0.3 };

        Assert.Equal(TileTone.Warning, tiles.AnswerRate(0.85)); // green under the default 80 % limit
        Assert.Equal(TileTone.Warning, tiles.AnswerRate(0.5));
        Assert.Equal(TileTone.Bad, tiles.AnswerRate(0.49));
        Assert.Equal(TileTone.Good, tiles.Abandonment(0.2));
        Assert.Equal(TileTone.Bad, tiles.Abandonment(0.31));
    }

    [Fact]
    public void The_defaults_are_valid_and_an_amber_limit_as_severe_as_red_is_not()
    {
        Assert.Empty(Problems(Defaults));

        var equal = new TileThresholds { CallSuccessAmberBelow = 0.9, CallSuccessRedBelow = 0.9 };
        var reversed = new TileThresholds { VoicemailBacklogAmberAbove = 20, VoicemailBacklogRedAbove = 10 };

        Assert.Equal([nameof(TileThresholds.CallSuccessAmberBelow), nameof(TileThresholds.CallSuccessRedBelow)], Assert.Single(Problems(equal)).MemberNames);
        Assert.Contains("VoicemailBacklogAmberAbove must be below", Assert.Single(Problems(reversed)).ErrorMessage, StringComparison.Ordinal);
    }

    private static List<ValidationResult> Problems(TileThresholds tiles)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(tiles, new ValidationContext(tiles), results, validateAllProperties: true);
        return results;
    }
}
