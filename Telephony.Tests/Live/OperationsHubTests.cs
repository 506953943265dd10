using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Telephony.Tests.Hotline;
using Telephony.Tests.Web;
using Telephony.Web.Live;

namespace Telephony.Tests.Live;

/// <summary>The SignalR hub carries the change feed to wallboards and scripts, for signed-in users only.</summary>
public sealed class OperationsHubTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    [Fact]
    public async Task A_signed_in_client_hears_about_a_call_the_moment_a_webhook_creates_it()
    {
        var app = fixture.Hotline.App;
        using var browser = app.CreateBrowserlessClient();
        var cookie = await FormSignIn.SignInForCookieAsync(browser, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        var received = Channel.CreateUnbounded<(string Kind, string? Id, string? State)>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, OperationsHub.Route), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        hub.On<string, string?, string?>(OperationsHub.ChangedMethod, (kind, id, state) => received.Writer.TryWrite((kind, id, state)));
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        (await fixture.Hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", sid), ("From", HotlineHarness.NextCaller()))).Dispose();

        // Milliseconds normally (the benchmark measures it); the patience covers a loaded 2-core test run, where the front
        // door may exceed its 3 s database budget and be stored by the journal's replay instead.
        var heard = new List<(string Kind, string? Id, string? State)>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (!heard.Any(n => n.Kind == "call" && n.Id == sid))
            {
                heard.Add(await received.Reader.ReadAsync(patience.Token));
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
        }

        var notice = Assert.Single(heard, n => n.Kind == "call" && n.Id == sid);
        Assert.False(string.IsNullOrEmpty(notice.State), "the notice carries the call's status");
    }

    [Fact]
    public async Task An_anonymous_client_is_refused()
    {
        using var client = fixture.Hotline.App.CreateBrowserlessClient();

        using var response = await client.PostAsync(OperationsHub.Route + "/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
