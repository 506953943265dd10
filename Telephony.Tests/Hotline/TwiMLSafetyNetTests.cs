using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Errors;
using Telephony.Tests.Web;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Hotline;

/// <summary>An exception a handler throws is answered with safe TwiML and lands in the webhook log as a failure.</summary>
public sealed class TwiMLSafetyNetTests : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        HotlineHarness.Configure(app);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_handler_that_throws_gets_safe_TwiML_and_is_logged_as_a_handler_exception()
    {
        var ct = TestContext.Current.CancellationToken;
        var callSid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var net = new TwiMLSafetyNet(app.Services.GetRequiredService<WebhookGuard>(), NullLogger<TwiMLSafetyNet>.Instance);
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Path = "/twilio/voice/menu";
        http.Items[TwilioSignatureFilter.FormItem] = new List<KeyValuePair<string, string>> { new("CallSid", callSid), new("Digits", "1") };

        var answer = await net.InvokeAsync(EndpointFilterInvocationContext.Create(http), _ => throw new InvalidOperationException("a bug"));

        var twiml = Assert.IsType<ContentHttpResult>(answer);
        Assert.Equal((200, CallFlow.SafeTwiML), (twiml.StatusCode, twiml.ResponseContent));

        // Written by the background flusher, not on the answer's path.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync(ct);
        WebhookError? logged = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((logged = await db.WebhookErrors.AsNoTracking().SingleOrDefaultAsync(e => e.CallSid == callSid, ct)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        Assert.NotNull(logged);
        Assert.Equal((WebhookErrorKind.HandlerException, "/twilio/voice/menu"), (logged.Kind, logged.Route));
        Assert.Equal("InvalidOperationException; answered with safe TwiML", logged.Detail);
        Assert.True(WebhookErrorKinds.IsFailure(logged.Kind));
    }
}
