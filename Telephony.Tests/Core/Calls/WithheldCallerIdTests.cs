using Telephony.Core.Calls;

namespace Telephony.Tests.Core.Calls;

public class WithheldCallerIdTests
{
    [Theory]
    [InlineData("anonymous")]
    [InlineData("Anonymous")]
    [InlineData("ANONYMOUS")]
    [InlineData("+266696687")]
    [InlineData("Restricted")]
    [InlineData("restricted")]
    [InlineData("Unknown")]
    [InlineData("UNKNOWN")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Carriers_placeholders_and_no_number_are_a_withheld_caller_id_counted_per_number_called(string? from)
    {
        Assert.True(WithheldCallerId.IsWithheld(from));
        Assert.Equal("withheld:+15145550100", WithheldCallerId.RateLimitKey(from, "+15145550100"));
        Assert.Equal("+15145550100", WithheldCallerId.CalledNumberOf(WithheldCallerId.RateLimitKey(from, "+15145550100")));
    }

    [Theory]
    [InlineData("+15145550123")]
    [InlineData("+266696688")]
    [InlineData("client:alice")]
    [InlineData("Private")] // not a presentation Twilio documents; a caller like any other
    public void A_caller_number_is_counted_per_caller(string from)
    {
        Assert.False(WithheldCallerId.IsWithheld(from));
        Assert.Equal(from, WithheldCallerId.RateLimitKey(from, "+15145550100"));
        Assert.Null(WithheldCallerId.CalledNumberOf(from));
    }

    [Theory]
    [InlineData(null, "anonymous")]
    [InlineData("", "anonymous")]
    [InlineData("Restricted", "Restricted")]
    [InlineData("+15145550123", "+15145550123")]
    public void The_call_keeps_what_twilio_sent_or_anonymous_when_it_sent_nothing(string? from, string stored) =>
        Assert.Equal(stored, WithheldCallerId.CallerOf(from));
}
