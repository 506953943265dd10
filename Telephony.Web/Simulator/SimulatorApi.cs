using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Telephony.Core.Validation;
using Telephony.Web.Twilio;

namespace Telephony.Web.Simulator;

/// <summary>
/// In simulator mode the app plays Twilio's part too: this serves the audio of simulated recordings, behind the same
/// Basic auth Twilio's media URLs use, so the voicemail fetcher runs exactly as it does against Twilio.
/// </summary>
public static class SimulatorApi
{
    public const string AudioRoute = "/simulator/2010-04-01/Accounts";

    public static IEndpointRouteBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var credentials = app.ServiceProvider.GetRequiredService<TwilioCredentials>();
        return credentials.SimulatorMode ? app.MapSimulatedRecordings(credentials) : app;
    }

    /// <summary>The recordings route whatever the mode: a test can host it on its own, shared by several app instances.</summary>
    internal static IEndpointRouteBuilder MapSimulatedRecordings(this IEndpointRouteBuilder app, TwilioCredentials credentials)
    {
        app.MapGet(AudioRoute + "/{accountSid}/Recordings/{file}", (string accountSid, string file, HttpContext http) =>
            {
                if (!Authorized(http.Request, credentials))
                {
                    return Results.Unauthorized();
                }

                var sid = file.EndsWith(".mp3", StringComparison.Ordinal) ? file[..^4] : file;
                return accountSid == credentials.AccountSid && TwilioSid.IsValid(sid, SidKind.Recording)
                    ? Results.File(SimulatedAudio.Silence(5), "audio/mpeg", enableRangeProcessing: true)
                    : Results.NotFound();
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The simulator's recording base URL, as the simulator puts it in <c>RecordingUrl</c>.</summary>
    public static string AudioBaseUrl(TwilioCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return $"{credentials.PublicBaseUrl}{AudioRoute}/{credentials.AccountSid}";
    }

    internal static bool Authorized(HttpRequest request, TwilioCredentials credentials)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Scheme != "Basic" || header.Parameter is null)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}");
        byte[] given;
        try
        {
            given = Convert.FromBase64String(header.Parameter);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
