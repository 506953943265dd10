using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telephony.Core.Twilio;

namespace Telephony.Bench;

/// <summary>
/// Baseline A: a bare Kestrel endpoint that answers every webhook with one fixed TwiML string. It runs in its own
/// process, like the app, so the same load generator measures what HTTP alone costs on this machine.
/// It also plays Twilio's media host for the whole-call run (any GET is a short recording).
/// </summary>
internal static class BaselineServer
{
    public const string Command = "serve-baseline";

    private const string FixedTwiML =
        """<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-CA">This call may be recorded. Press 8 to opt out.</Say><Gather numDigits="1" timeout="5" action="/twilio/voice/menu"><Say>For sales press 1.</Say></Gather></Response>""";

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var twiml = Encoding.UTF8.GetBytes(FixedTwiML);
        var audio = new byte[4096];
        app.MapPost(TwilioRoutes.FrontDoor, () => Results.Bytes(twiml, "text/xml"));
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapGet("/media/{**rest}", () => Results.Bytes(audio, "audio/mpeg"));
        await app.RunAsync();
        return 0;
    }
}
