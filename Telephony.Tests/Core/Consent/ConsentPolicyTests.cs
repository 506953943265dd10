using Telephony.Core.Calls;
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
    public void The_disclosure_and_a_withdrawal_carry_the_prompt_version_the_flow_was_given_in_the_language_heard()
    {
        var flow = new CallFlow(new CallFlowOptions("https://hotline.example.com/", "+15145550101", "+15145550102", PromptVersion: "test-prompt-v9"));

        var disclosed = Assert.Single(flow.FrontDoor().Events.OfType<ConsentDisclosed>());
        var french = new CallContext(CallLanguage.French, ConsentState.Granted, 1);
        var withdrawn = Assert.Single(flow.Menu(french, "8").Events.OfType<ConsentWithdrawn>());

        Assert.Equal(new ConsentDisclosed("test-prompt-v9", CallLanguage.English), disclosed);
        Assert.Equal(new ConsentWithdrawn("test-prompt-v9", CallLanguage.French), withdrawn);
    }
}
