using Telephony.Core.Simulator;

namespace Telephony.Web.Simulator;

/// <summary>Plays the simulator's requests over real HTTP, signed, as Twilio does.</summary>
/// <param name="client">Where the requests go.</param>
/// <param name="rewrite">Maps the public URL Twilio would call to the address actually reachable (identity by default).</param>
public sealed class HttpTwilioTransport(HttpClient client, Func<string, Uri>? rewrite = null) : ITwilioTransport
{
    public async Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, rewrite is null ? new Uri(absoluteUrl) : rewrite(absoluteUrl))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Add("X-Twilio-Signature", signature);
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return new TwilioHttpResponse((int)response.StatusCode, body);
    }
}
