using Telephony.Core.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Web.Simulator;

/// <summary>Places simulated calls against this app's own webhooks (simulator mode: no Twilio account needed).</summary>
public sealed class SimulatorService(TwilioCredentials credentials, IHttpClientFactory httpClients, FakeTwilioState twilio, TimeProvider time)
{
    public const string HttpClientName = "simulator";

    public bool Available => credentials.SimulatorMode;

    public async Task<SimulatedCall> PlaceCallAsync(CallerScript script, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            throw new InvalidOperationException("Test calls are only available in simulator mode (no Twilio credentials configured).");
        }

        using var client = httpClients.CreateClient(HttpClientName);
        var simulator = new CallSimulator(
            credentials.AuthToken,
            credentials.PublicBaseUrl,
            new FakeTwilioTransport(new HttpTwilioTransport(client), twilio, time),
            new SimulatorOptions { AccountSid = credentials.AccountSid, AudioBaseUrl = SimulatorApi.AudioBaseUrl(credentials) },
            time);
        return await simulator.PlayAsync(script, cancellationToken).ConfigureAwait(false);
    }
}
