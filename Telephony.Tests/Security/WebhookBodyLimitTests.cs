using System.Net;
using Microsoft.EntityFrameworkCore;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;

namespace Telephony.Tests.Security;

/// <summary>Twilio webhook bodies are a few kilobytes: one over <c>Security:WebhookMaxBodyBytes</c> is refused before it is read.</summary>
public sealed class WebhookBodyLimitTests : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new();

    public WebhookBodyLimitTests()
    {
        HotlineHarness.Configure(app);
        app.Settings["Security:WebhookMaxBodyBytes"] = "8192";
    }

    [Fact]
    public async Task A_signed_webhook_over_the_limit_gets_413_and_nothing_is_recorded()
    {
        var hotline = new HotlineHarness(app);
        var callSid = "CA" + new string('e', 32);

        using var response = await hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", callSid), ("From", HotlineHarness.NextCaller()), ("Padding", new string('x', 9000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(await hotline.QueryAsync(db => db.Calls.AnyAsync(c => c.CallSid == callSid, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_signed_webhook_under_the_limit_is_answered_with_twiml()
    {
        var hotline = new HotlineHarness(app);

        using var response = await hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + new string('f', 32)), ("From", HotlineHarness.NextCaller()), ("Padding", new string('x', 4000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
