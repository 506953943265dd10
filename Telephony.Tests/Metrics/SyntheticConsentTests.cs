using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Seeding;

namespace Telephony.Tests.Metrics;

/// <summary>A seeded call still in progress holds only the consent its caller has given by the time seeding ends.</summary>
public sealed class SyntheticConsentTests
{
    private static readonly DateTimeOffset End = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ConsentState.Granted, "en", 2, ConsentState.Unknown)] // still hearing the disclosure
    [InlineData(ConsentState.Granted, "en", 30, ConsentState.Granted)]
    [InlineData(ConsentState.Withdrawn, "en", 30, ConsentState.Withdrawn)] // 8 at the first menu
    [InlineData(ConsentState.Withdrawn, "fr", 9, ConsentState.Granted)] // switched to French, not at the next menu yet
    [InlineData(ConsentState.Withdrawn, "fr", 30, ConsentState.Withdrawn)]
    [InlineData(ConsentState.Unknown, "en", 30, ConsentState.Unknown)]
    public void A_call_in_progress_holds_the_consent_given_before_the_end(ConsentState planned, string language, int secondsIn, ConsentState held)
    {
        var call = new Call
        {
            CallSid = "CA" + new string('d', 32), From = "+15550000001", Language = language, ConsentState = planned,
            CreatedAt = End.AddSeconds(-secondsIn), Version = Guid.Empty,
        };

        call.ConsentState = SyntheticConsent.StateAt(call, End);

        Assert.Equal(held, call.ConsentState);
        ConsentDecision[] entries = held switch
        {
            ConsentState.Granted => [ConsentDecision.Granted],
            ConsentState.Withdrawn => [ConsentDecision.Granted, ConsentDecision.Withdrawn],
            _ => [],
        };
        Assert.Equal(entries, SyntheticConsent.Records(call).Select(r => r.Decision));
        Assert.All(SyntheticConsent.Records(call), r => Assert.True(r.RecordedAt <= End));
    }
}
