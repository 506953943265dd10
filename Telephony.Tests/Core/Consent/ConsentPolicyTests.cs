using Telephony.Core.Consent;

namespace Telephony.Tests.Core.Consent;

public class ConsentPolicyTests
{
    [Theory]
    [InlineData(ConsentState.Granted, false, true)]
    [InlineData(ConsentState.Granted, true, false)]
    [InlineData(ConsentState.Withdrawn, false, false)]
    [InlineData(ConsentState.Unknown, false, false)]
    [InlineData(ConsentState.Unknown, true, false)]
    public void Recording_is_allowed_only_when_consent_is_known_to_stand(ConsentState state, bool hadErrors, bool mayRecord) =>
        Assert.Equal(mayRecord, ConsentPolicy.MayRecord(state, hadErrors));

    [Theory]
    [InlineData("1", ConsentState.Granted)]
    [InlineData("0", ConsentState.Withdrawn)]
    [InlineData(null, ConsentState.Unknown)]
    [InlineData("yes", ConsentState.Unknown)]
    public void Query_value_maps_to_a_state_and_anything_else_is_unknown(string? value, ConsentState state) =>
        Assert.Equal(state, ConsentPolicy.FromQuery(value));

    [Fact]
    public void Prompt_version_and_jurisdiction_are_recorded_with_decisions()
    {
        Assert.Equal("2026-11-consent-v1", ConsentPolicy.PromptVersion);
        Assert.Equal("CA-PIPEDA", ConsentPolicy.Jurisdiction);
    }
}
