using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Telephony.Core.Twilio;

namespace Telephony.Bench;

/// <summary>
/// From a webhook's answer to the hub event about its call arriving at each of the connected <c>/hubs/operations</c>
/// clients, while front-door webhooks arrive at a steady rate. An event that beats the HTTP answer counts as 0 ms.
/// </summary>
internal static class LiveLatency
{
    public sealed record Result(LoadResult Webhooks, Latencies Delivery, int Expected, int Missing);

    public static async Task<Result> RunAsync(HttpClient client, string baseUrl, int hubClients, int perSecond, TimeSpan duration)
    {
        var cookie = await ConsoleSignIn.CookieAsync(baseUrl);
        var signer = new TwilioSignatureValidator(AppUnderTest.AuthToken);
        var requests = Enumerable.Range(0, (int)(perSecond * duration.TotalSeconds))
            .Select(n => SignedForm.FrontDoor(signer, baseUrl, AppUnderTest.AccountSid, 7_000_000 + n)).ToList();
        var sent = requests.Select(r => r.CallSid).ToHashSet(StringComparer.Ordinal);
        var arrivals = Enumerable.Range(0, hubClients).Select(_ => new ConcurrentDictionary<string, long>(StringComparer.Ordinal)).ToList();
        var hubs = new List<HubConnection>();
        try
        {
            foreach (var arrived in arrivals)
            {
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(baseUrl + "/hubs/operations"), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.Headers["Cookie"] = cookie;
                    })
                    .Build();
                hub.On<string, string?, string?>("changed", (kind, id, _) =>
                {
                    if (kind == "call" && id is not null && sent.Contains(id))
                    {
                        arrived.TryAdd(id, Stopwatch.GetTimestamp());
                    }
                });
                await hub.StartAsync();
                hubs.Add(hub);
            }

            var answered = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var webhooks = await LoadGenerator.PacedAsync(client, requests, perSecond, "<Gather", (form, at) => answered[form.CallSid] = at);

            // Let the last events drain, then read every client's arrivals against the answers.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var delivery = new Latencies();
            var missing = 0;
            foreach (var arrived in arrivals)
            {
                foreach (var (sid, answeredAt) in answered)
                {
                    if (arrived.TryGetValue(sid, out var at))
                    {
                        delivery.Add(Math.Max(0, at - answeredAt));
                    }
                    else
                    {
                        missing++;
                    }
                }
            }

            return new Result(webhooks, delivery, answered.Count * hubClients, missing);
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }
}
