using System.Diagnostics;
using Telephony.Core.Simulator;
using Telephony.Core.Twilio;

namespace Telephony.Bench;

/// <summary>
/// Whole calls through the simulator: front door, menu (1, sales), the 20-second transfer answered, dial-complete and
/// every status callback of both legs, each a signed HTTP request. Counts calls that completed with 200 everywhere.
/// </summary>
internal static class WholeCalls
{
    public sealed record Result(int Calls, int Failed, int Requests, TimeSpan Elapsed, string? FirstFailure, Latencies Webhooks)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;

        public double WebhooksPerSecond => Requests / Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> callers, each placing its next call as soon as the last one ended. What
    /// the app can take when no more than that many webhooks are ever in flight.
    /// </summary>
    public static async Task<Result> RunAsync(HttpClient client, string baseUrl, string mediaBaseUrl, int concurrency, TimeSpan duration, int firstCaller = 5_000_000)
    {
        LoadGenerator.SettleHeap();
        var run = new Run(client, baseUrl, mediaBaseUrl, firstCaller);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await run.PlayAsync();
            }
        });
        await Task.WhenAll(workers);
        return run.Result();
    }

    /// <summary>
    /// Open loop, as Twilio sends them: a new call starts every 1/<paramref name="callsPerSecond"/> s whatever the app's
    /// speed, and each call's webhooks follow one another as fast as the app answers. An app that keeps up ends every call
    /// shortly after it started; one that does not builds a backlog, and its last calls end late.
    /// </summary>
    public static async Task<(Result Result, int Offered, TimeSpan Tail)> RunPacedAsync(HttpClient client, string baseUrl, string mediaBaseUrl, int callsPerSecond, TimeSpan duration, int firstCaller = 6_000_000)
    {
        LoadGenerator.SettleHeap();
        var run = new Run(client, baseUrl, mediaBaseUrl, firstCaller);
        var offered = (int)(callsPerSecond * duration.TotalSeconds);
        var calls = new List<Task>(offered);
        long lastStart = 0;
        for (var i = 0; i < offered; i++)
        {
            var due = run.Started + (long)((double)i / callsPerSecond * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1);
            }

            lastStart = Stopwatch.GetTimestamp();
            calls.Add(Task.Run(run.PlayAsync));
        }

        await Task.WhenAll(calls);
        return (run.Result(), offered, Stopwatch.GetElapsedTime(lastStart));
    }

    /// <summary>The calls of one run and what they saw.</summary>
    private sealed class Run
    {
        private readonly CallSimulator simulator;
        private readonly Latencies webhooks = new();
        private int counter, calls, failed, requests;
        private string? firstFailure;

        public Run(HttpClient client, string baseUrl, string mediaBaseUrl, int firstCaller)
        {
            simulator = new CallSimulator(AppUnderTest.AuthToken, baseUrl, new Transport(client, webhooks),
                new SimulatorOptions { AccountSid = AppUnderTest.AccountSid, AudioBaseUrl = mediaBaseUrl + "/media" });
            counter = firstCaller;
            Started = Stopwatch.GetTimestamp();
        }

        public long Started { get; }

        public async Task PlayAsync()
        {
            var from = "+1438" + (Interlocked.Increment(ref counter) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            var script = new CallerScript(from, "+15005550001") { Keys = ["1"], AgentAnswers = true, RingSeconds = 5, TalkSeconds = 30 };
            string? failure;
            try
            {
                var call = await simulator.PlayAsync(script);
                Interlocked.Add(ref requests, call.Requests.Count);
                failure = call.Outcome != SimulatedCallOutcome.Completed ? "outcome " + call.Outcome
                    : call.Requests.FirstOrDefault(r => r.StatusCode != 200) is { } bad ? $"HTTP {bad.StatusCode} on {bad.Path}"
                    : !call.Paths.Contains(TwilioRoutes.DialComplete) ? "never reached dial-complete"
                    : null;
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }

            if (failure is null)
            {
                Interlocked.Increment(ref calls);
            }
            else
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, failure, null);
            }
        }

        public Result Result() => new(calls, failed, requests, Stopwatch.GetElapsedTime(Started), firstFailure, webhooks);
    }

    private sealed class Transport(HttpClient client, Latencies latencies) : ITwilioTransport
    {
        public async Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
        {
            var begin = Stopwatch.GetTimestamp();
            using var request = SignedForm.Signed(absoluteUrl, form, signature).ToRequest();
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            latencies.Add(Stopwatch.GetTimestamp() - begin);
            return new TwilioHttpResponse((int)response.StatusCode, body);
        }
    }
}
