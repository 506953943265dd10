using System.Diagnostics;
using System.Text.Json;
using Telephony.Core.Twilio;

namespace Telephony.Bench;

/// <summary>
/// A fresh app on a fresh PostgreSQL database, started the way an orchestrator starts it: <c>/health/ready</c> is polled
/// every 10 ms, and the moment it answers 200 front doors arrive at <see cref="BenchSettings.WebhooksPerSecond"/> per
/// second, open loop, with no warm-up of any kind. What a load balancer sends a new instance.
/// </summary>
internal static class ColdStart
{
    public sealed record Result(TimeSpan ToReady, double? AppReadyMs, LoadResult Load, double MaxMs);

    public static async Task<Result> RunAsync(BenchSettings settings, TwilioSignatureValidator signer, string mediaBaseUrl)
    {
        await using var database = await ScratchDatabase.CreateAsync(settings.PostgresAdmin, "cold");
        var port = BenchSettings.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";

        // Signed before the process starts: the generator is warm, the app is not.
        var requests = Enumerable.Range(0, BenchSettings.WebhooksPerSecond * settings.Seconds)
            .Select(n => SignedForm.FrontDoor(signer, baseUrl, AppUnderTest.AccountSid, 3_000_000 + n)).ToList();
        using var client = LoadGenerator.CreateClient(1_000);
        LoadGenerator.SettleHeap();

        var started = Stopwatch.GetTimestamp();
        await using var app = AppUnderTest.Launch(settings, "Postgres", database.ConnectionString, port, mediaBaseUrl, "app-cold");
        await app.WaitReadyAsync("/health/ready", TimeSpan.FromMilliseconds(10));
        var toReady = Stopwatch.GetElapsedTime(started);

        var load = await LoadGenerator.PacedAsync(client, requests, BenchSettings.WebhooksPerSecond, "<Gather", (_, _) => { });
        return new Result(toReady, await AppReadyMsAsync(baseUrl), load, load.Latencies.Percentile(100));
    }

    /// <summary>What the app itself reports as the time from its process's start to ready (the <c>warm-up</c> entry).</summary>
    private static async Task<double?> AppReadyMsAsync(string baseUrl)
    {
        using var client = new HttpClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(baseUrl + "/health/ready")));
        return document.RootElement.GetProperty("checks").TryGetProperty("warm-up", out var entry)
            && entry.TryGetProperty("data", out var data) && data.TryGetProperty("readyAfterMilliseconds", out var ms)
            ? ms.GetDouble()
            : null;
    }
}
