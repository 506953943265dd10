using System.Diagnostics;
using System.Net;

namespace Telephony.Bench;

/// <summary>
/// Drives HTTP load and checks every answer: a webhook must get 200 with TwiML, nothing else counts as served.
/// The same generator, with the same number of connections, measures the baseline and the app.
/// </summary>
internal static class LoadGenerator
{
    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Collects and compacts the generator's own heap before a run: the requests signed just before it would otherwise be
    /// promoted by the run's first collections, pausing every in-flight request for 30-46 ms (measured), which the
    /// run would count as the app's latency.
    /// </summary>
    public static void SettleHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    /// <summary>
    /// Closed loop: <paramref name="connections"/> workers each send the next request as soon as the last is answered.
    /// With <paramref name="cycle"/> the requests are sent again from the first once all were sent (an endpoint that
    /// ignores its input); otherwise running out of them before <paramref name="duration"/> fails, unless <paramref name="mayEndEarly"/>.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(HttpClient client, IReadOnlyList<SignedForm> requests, int connections, TimeSpan duration, string mustContain, bool mayEndEarly = false, bool cycle = false)
    {
        SettleHeap();
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var latencies = new Latencies();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = new List<long>(capacity: 64 * 1024);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requests.Count && !cycle)
                {
                    break;
                }

                var begin = Stopwatch.GetTimestamp();
                var error = await SendAsync(client, requests[i % requests.Count], mustContain);
                mine.Add(Stopwatch.GetTimestamp() - begin);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }

            latencies.AddRange(mine);
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!mayEndEarly && !cycle && Volatile.Read(ref next) >= requests.Count)
        {
            throw new InvalidOperationException($"Ran out of pre-signed requests ({requests.Count}) before {duration.TotalSeconds} s; sign more.");
        }

        return new LoadResult(latencies.Count, errors, elapsed, latencies, firstError);
    }

    /// <summary>
    /// Open loop: request i is due at i / <paramref name="perSecond"/> seconds, whatever the app's speed; calls back with
    /// the time each answer arrived. Latency is counted from when a request was due, not from when it was sent, so that a
    /// stall (of the app, or of the generator behind it) counts for every request it delayed (no coordinated omission).
    /// </summary>
    public static async Task<LoadResult> PacedAsync(HttpClient client, IReadOnlyList<SignedForm> requests, int perSecond, string mustContain, Action<SignedForm, long> answered)
    {
        SettleHeap();
        var errors = 0;
        string? firstError = null;
        var latencies = new Latencies();
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var due = started + (long)((double)i / perSecond * Stopwatch.Frequency);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            var request = requests[i];
            inFlight.Add(Task.Run(async () =>
            {
                var error = await SendAsync(client, request, mustContain);
                var end = Stopwatch.GetTimestamp();
                latencies.Add(end - due);
                if (error is null)
                {
                    answered(request, end);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return new LoadResult(requests.Count, errors, Stopwatch.GetElapsedTime(started), latencies, firstError);
    }

    /// <summary>Null when the answer is 200 TwiML containing <paramref name="mustContain"/>; otherwise why not.</summary>
    private static async Task<string?> SendAsync(HttpClient client, SignedForm form, string mustContain)
    {
        try
        {
            using var request = form.ToRequest();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/xml" || !body.Contains("<Response>", StringComparison.Ordinal) || !body.Contains(mustContain, StringComparison.Ordinal))
            {
                return "not the expected TwiML: " + (body.Length > 120 ? body[..120] : body);
            }

            return null;
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}
