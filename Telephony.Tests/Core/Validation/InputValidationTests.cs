using Telephony.Core.Validation;

namespace Telephony.Tests.Core.Validation;

public class InputValidationTests
{
    [Theory]
    [InlineData("+14155550123", true)]
    [InlineData("+33123456789", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567890123456", false)]
    [InlineData("14155550123", false)]
    [InlineData("+04155550123", false)]
    [InlineData("+1 415 555 0123", false)]
    [InlineData("client:alice", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void E164_accepts_only_plus_and_up_to_15_digits(string? value, bool valid) =>
        Assert.Equal(valid, E164.IsValid(value));

    [Theory]
    [InlineData("1", true)]
    [InlineData("*", true)]
    [InlineData("#", true)]
    [InlineData("0123456789*#", true)]
    [InlineData("12a", false)]
    [InlineData("", false)]
    [InlineData("123456789012345678901234567890123", false)]
    public void Dtmf_digits_are_keypad_keys_within_a_length_limit(string value, bool valid) =>
        Assert.Equal(valid, DtmfDigits.IsValid(value));

    [Theory]
    [InlineData("CA0123456789abcdef0123456789abcdef", SidKind.Call, true)]
    [InlineData("CA0123456789ABCDEF0123456789ABCDEF", SidKind.Call, true)]
    [InlineData("RE0123456789abcdef0123456789abcdef", SidKind.Call, false)]
    [InlineData("RE0123456789abcdef0123456789abcdef", SidKind.Recording, true)]
    [InlineData("TR0123456789abcdef0123456789abcdef", SidKind.Transcription, true)]
    [InlineData("AC0123456789abcdef0123456789abcdef", SidKind.Account, true)]
    [InlineData("SM0123456789abcdef0123456789abcdef", SidKind.Message, true)]
    [InlineData("MM0123456789abcdef0123456789abcdef", SidKind.Message, true)]
    [InlineData("CA0123456789abcdef0123456789abcde", SidKind.Call, false)]
    [InlineData("CA0123456789abcdef0123456789abcdeg", SidKind.Call, false)]
    [InlineData("ca0123456789abcdef0123456789abcdef", SidKind.Call, false)]
    public void Sids_need_the_right_prefix_and_32_hex_digits(string value, SidKind kind, bool valid) =>
        Assert.Equal(valid, TwilioSid.IsValid(value, kind));

    [Theory]
    [InlineData("Mon, 16 Aug 2010 03:45:01 +0000")]
    [InlineData("Mon, 16 Aug 2010 03:45:01 GMT")]
    [InlineData("Mon, 16 Aug 2010 05:45:01 +0200")]
    public void Rfc1123_timestamps_parse_with_numeric_offset_or_GMT(string value)
    {
        Assert.True(Rfc1123Timestamp.TryParse(value, out var ts));
        Assert.Equal(new DateTimeOffset(2010, 8, 16, 3, 45, 1, TimeSpan.Zero), ts.ToUniversalTime());
    }

    [Theory]
    [InlineData("2010-08-16T03:45:01Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Non_rfc1123_timestamps_are_rejected(string value) =>
        Assert.False(Rfc1123Timestamp.TryParse(value, out _));

    [Fact]
    public void Formatted_timestamp_reads_back()
    {
        var now = new DateTimeOffset(2026, 11, 29, 4, 5, 6, TimeSpan.Zero);
        var text = Rfc1123Timestamp.Format(now);
        Assert.Equal("Sun, 29 Nov 2026 04:05:06 +0000", text);
        Assert.True(Rfc1123Timestamp.TryParse(text, out var back));
        Assert.Equal(now, back);
    }

    [Theory]
    [InlineData("+14155550123", "+1415***0123")]
    [InlineData("+33123456789", "+3312***6789")]
    [InlineData("+4412345", "+*****45")]
    [InlineData("client:alice", "***")]
    [InlineData(null, "(none)")]
    public void Phone_mask_keeps_country_and_area_code_and_last_four(string? number, string masked) =>
        Assert.Equal(masked, PhoneMask.Mask(number));
}
