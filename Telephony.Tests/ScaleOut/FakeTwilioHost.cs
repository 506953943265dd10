using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Tests.ScaleOut;

/// <summary>
/// One "Twilio" for several app processes: the fake REST API (provisioning) and the recordings' audio, on Kestrel, with the
/// account credentials every instance is configured with. <see cref="Delay"/> slows every REST call (sagas stay in flight).
/// </summary>
public sealed class FakeTwilioHost : IAsyncDisposable
{
    public const string AccountSid = "AC5ca1e0075ca1e0075ca1e0075ca1e007";
    public const string AuthToken = "scale-out-test-auth-token-0123456";

    private readonly WebApplication app;

    private FakeTwilioHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public FakeTwilioState State => app.Services.GetRequiredService<FakeTwilioState>();

    public TimeSpan Delay { get; set; }

    /// <summary>What the instances use as <c>Twilio:ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl => new Uri(Address, FakeTwilioApi.BasePath).ToString();

    /// <summary>Where the simulator says recordings live (<c>RecordingUrl</c>); the instances fetch the audio from here.</summary>
    public string AudioBaseUrl => new Uri(Address, $"{SimulatorApi.AudioRoute}/{AccountSid}").ToString();

    public static async Task<FakeTwilioHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Options.Create(new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken }));
        builder.Services.AddSingleton<TwilioCredentials>();
        builder.Services.AddSingleton<FakeTwilioState>();
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        FakeTwilioHost? host = null;
        app.Use(async (context, next) =>
        {
            if (host is { Delay: var delay } && delay > TimeSpan.Zero && context.Request.Path.StartsWithSegments(FakeTwilioApi.BasePath, StringComparison.Ordinal))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            await next(context);
        });
        app.MapFakeTwilioRoutes();
        app.MapSimulatedRecordings(app.Services.GetRequiredService<TwilioCredentials>());
        await app.StartAsync();
        host = new FakeTwilioHost(app, new Uri(app.Urls.First()));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
