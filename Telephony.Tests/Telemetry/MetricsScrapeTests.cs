using System.Net;
using Telephony.Core.Simulator;
using Telephony.Tests.Hotline;

namespace Telephony.Tests.Telemetry;

/// <summary>What a Prometheus server on the same host sees at <c>/metrics</c> after a call.</summary>
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task A_walked_call_shows_in_the_hotline_counters_and_promtool_accepts_the_scrape()
    {
        await using var app = new TelemetryAppFactory(kestrel: true);
        HotlineHarness.Configure(app);
        var hotline = new HotlineHarness(app);
        using var prometheus = new HttpClient { BaseAddress = app.ServerAddress };
        var before = await ScrapeAsync(prometheus);
        var sinceBefore = System.Diagnostics.Stopwatch.StartNew();

        // Support (2), nobody answers: the transfer ends in voicemail.
        var call = await hotline.CallAsync(new CallerScript(HotlineHarness.NextCaller(), HotlineHarness.HotlineNumber) { Keys = ["2"], AgentAnswers = false });
        Assert.Equal(SimulatedCallOutcome.Completed, call.Outcome);

        // The exporter answers a scrape within its cache time (300 ms) with the previous one; a warm call can be quicker.
        await Task.Delay(ScrapeCache - sinceBefore.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, TestContext.Current.CancellationToken);
        var after = await ScrapeAsync(prometheus);

        // Answered with TwiML, or journaled when a loaded test host's database was slower than the answer's budget.
        AssertRose(before, after, "hotline_webhooks_total", ("route", "frontdoor"));
        AssertRose(before, after, "hotline_webhooks_total", ("route", "menu"));
        AssertRose(before, after, "hotline_webhooks_total", ("route", "dial-complete"));
        AssertRose(before, after, "hotline_webhooks_total", ("route", "status"));
        Assert.Equal(
            PrometheusText.Sum(after, "hotline_webhooks_total") - PrometheusText.Sum(before, "hotline_webhooks_total"),
            Delta("twiml") + Delta("journaled"));
        AssertRose(before, after, "hotline_calls_total", ("outcome", "voicemail"));
        AssertRose(before, after, "http_server_request_duration_seconds_count", ("http_route", "/twilio/voice/frontdoor"));
        Assert.True(PrometheusText.Has(after, "hotline_journal_pending"), "The journal gauge is missing.");
        Assert.DoesNotContain(call.CallSid, after, StringComparison.Ordinal);

        double Delta(string result) => PrometheusText.Sum(after, "hotline_webhooks_total", ("result", result)) - PrometheusText.Sum(before, "hotline_webhooks_total", ("result", result));

        var (exitCode, output) = await Promtool.CheckMetricsAsync(after, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}: {output}");
    }

    private static readonly TimeSpan ScrapeCache = TimeSpan.FromMilliseconds(350);

    private static async Task<string> ScrapeAsync(HttpClient prometheus)
    {
        using var response = await prometheus.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    // Other tests' hosts in this process share the meter names, so counts are compared, never expected exactly.
    private static void AssertRose(string before, string after, string metric, params (string, string)[] labels)
    {
        var was = PrometheusText.Sum(before, metric, labels);
        var now = PrometheusText.Sum(after, metric, labels);
        Assert.True(now >= was + 1, $"{metric} {string.Join(",", labels)} went from {was} to {now}. Scraped: {string.Join('\n', after.Split('\n').Where(l => l.StartsWith("hotline_", StringComparison.Ordinal) || l.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)))}");
    }
}
