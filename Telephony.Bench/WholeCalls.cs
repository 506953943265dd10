using System.Diagnostics;
using Telephony.Core.Simulator;

namespace Telephony.Bench;

/// <summary>
/// Whole calls through the simulator: front door, menu (1, sales), the 20-second transfer answered, dial-complete and
/// every status callback of both legs, each a signed HTTP request. Counts calls that completed with 200 everywhere.
/// </summary>
internal static class WholeCalls
{
    public sealed record Result(int Calls, int Failed, int Requests, TimeSpan Elapsed, string? FirstFailure)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(HttpClient client, string baseUrl, string mediaBaseUrl, int concurrency, TimeSpan duration, int firstCaller = 5_000_000)
    {
        var simulator = new CallSimulator(AppUnderTest.AuthToken, baseUrl, new Transport(client),
            new SimulatorOptions { AccountSid = AppUnderTest.AccountSid, AudioBaseUrl = mediaBaseUrl + "/media" });
        var counter = firstCaller;
        int calls = 0, failed = 0, requests = 0;
        string? firstFailure = null;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
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
                        : !call.Paths.Contains("/twilio/voice/dial-complete") ? "never reached dial-complete"
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
        });
        await Task.WhenAll(workers);
        return new Result(calls, failed, requests, Stopwatch.GetElapsedTime(started), firstFailure);
    }

    private sealed class Transport(HttpClient client) : ITwilioTransport
    {
        public async Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
        {
            using var request = SignedForm.Signed(absoluteUrl, form, signature).ToRequest();
            using var response = await client.SendAsync(request, ct);
            return new TwilioHttpResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
    }
}
