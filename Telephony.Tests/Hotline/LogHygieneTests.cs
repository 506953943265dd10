using Telephony.Tests.Web;

namespace Telephony.Tests.Hotline;

/// <summary>Logs never hold secrets or whole phone numbers.</summary>
public sealed class LogHygieneTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    [Fact]
    public async Task Calls_rejections_and_texts_log_masked_numbers_and_never_the_auth_token()
    {
        var hotline = fixture.Hotline;
        var caller = HotlineHarness.NextCaller();
        await hotline.CallAsync(new Telephony.Core.Simulator.CallerScript(caller, HotlineHarness.HotlineNumber) { Keys = ["2"], AgentAnswers = false });
        for (var i = 0; i < 11; i++)
        {
            (await hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller))).Dispose();
        }

        (await hotline.PostAsync("/twilio/sms/reply", ("MessageSid", "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller), ("Body", "STOP"))).Dispose();
        (await hotline.PostAsync("/twilio/voice/frontdoor", [new("From", caller)], signature: "forged")).Dispose();

        var logs = hotline.App.Logs.Entries.ToList();
        Assert.Contains(logs, l => l.Contains(caller[..5] + "***" + caller[^4..], StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(caller, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(hotline.Credentials.AuthToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(TelephonyAppFactory.AdminPassword, StringComparison.Ordinal));
    }
}
