using Telephony.Core.Simulator;

namespace Telephony.Tests.ScaleOut;

/// <summary>
/// What a load balancer without stickiness does for Twilio's webhooks: each request to the next instance in turn, and a
/// request that fails to connect (instance dead) re-sent to another, which is then taken out of rotation.
/// </summary>
public sealed class LoadBalancer(IReadOnlyList<AppProcess> instances) : ITwilioTransport, IDisposable
{
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HashSet<AppProcess> down = [];
    private readonly Lock gate = new();
    private int next;

    /// <summary>Requests that were re-sent after a connection failure.</summary>
    public int Resent => resent;

    private int resent;

    public async Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
    {
        var path = new Uri(absoluteUrl).PathAndQuery;
        for (var attempt = 0; ; attempt++)
        {
            var target = Pick();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Address, path)) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", signature);
            try
            {
                using var response = await client.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                return new TwilioHttpResponse((int)response.StatusCode, body);
            }
            catch (HttpRequestException) when (attempt < instances.Count)
            {
                // Connection refused or reset: the balancer marks the instance down and tries another one.
                lock (gate)
                {
                    down.Add(target);
                }

                Interlocked.Increment(ref resent);
            }
        }
    }

    private AppProcess Pick()
    {
        lock (gate)
        {
            var up = instances.Where(i => !down.Contains(i)).ToList();
            return up[next++ % up.Count];
        }
    }

    public void Dispose() => client.Dispose();
}
