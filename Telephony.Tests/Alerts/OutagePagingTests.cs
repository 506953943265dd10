using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;

namespace Telephony.Tests.Alerts;

/// <summary>
/// The page that matters most goes out while the database is down: PostgreSQL really stops (a private cluster), two
/// instances each page PagerDuty with one <c>dedup_key</c>, resolve it when PostgreSQL is back, and the outage then
/// shows in the Alerts page's history.
/// </summary>
public sealed class OutagePagingTests(PrivatePostgresCluster cluster) : IClassFixture<PrivatePostgresCluster>
{
    private const string PagerDutyUrl = "https://events.pagerduty.example/v2/enqueue";
    private const string SlackUrl = "https://hooks.slack.example/services/T000/B000/slack-secret";
    private const string DedupKey = "hotline-test:database-unreachable";

    [Fact]
    public async Task Both_instances_page_pagerduty_with_one_dedup_key_while_PostgreSQL_is_stopped_and_resolve_it_when_it_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await cluster.CreateDatabaseAsync();
        await using var a = Start(connectionString);
        await using var b = Start(connectionString);
        using var clientA = a.CreateBrowserlessClient();
        using var clientB = b.CreateBrowserlessClient();
        await WaitForAsync(async () => (await clientA.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK, ct);
        await WaitForAsync(async () => (await clientB.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK, ct);

        await cluster.StopAsync();

        using (var ready = await clientA.GetAsync("/health/ready", ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct));
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        await WaitForAsync(() => Task.FromResult(Events(a, "trigger").Count > 0 && Events(b, "trigger").Count > 0), ct);
        foreach (var app in new[] { a, b })
        {
            var trigger = Assert.Single(Events(app, "trigger"));
            Assert.Equal(DedupKey, trigger.GetProperty("dedup_key").GetString());
            Assert.Equal("critical", trigger.GetProperty("payload").GetProperty("severity").GetString());
            Assert.Equal(OutageConditions.DatabaseUnreachable, trigger.GetProperty("payload").GetProperty("component").GetString());
            Assert.Contains(app.Receiver.BodiesFor(SlackUrl), s => s.GetProperty("text").GetString()!.Contains("Database unreachable", StringComparison.Ordinal));
        }

        await cluster.StartAsync();

        await WaitForAsync(() => Task.FromResult(Events(a, "resolve").Count > 0 && Events(b, "resolve").Count > 0), ct);
        Assert.Equal(DedupKey, Assert.Single(Events(a, "resolve")).GetProperty("dedup_key").GetString());
        Assert.Equal(DedupKey, Assert.Single(Events(b, "resolve")).GetProperty("dedup_key").GetString());

        // Written down once the database answers: one alert for the one outage, with what was sent.
        var store = a.Services.GetRequiredService<AlertStore>();
        await WaitForAsync(async () => (await store.ListHistoryAsync(cancellationToken: ct)).Any(h =>
            h.RuleKey == OutageConditions.DatabaseUnreachable && h.Deliveries.Count(d => d.Status == AlertDeliveryStatus.Delivered) >= 4), ct);
        var outage = Assert.Single(await store.ListHistoryAsync(cancellationToken: ct), h => h.RuleKey == OutageConditions.DatabaseUnreachable);
        Assert.Equal((AlertSeverity.Critical, AlertStatus.Resolved), (outage.Severity, outage.Status));
        Assert.Contains(outage.Deliveries, d => d.Channel == AlertChannel.PagerDuty && d.Kind == AlertDeliveryKind.Fire && d.Status == AlertDeliveryStatus.Delivered);
        Assert.Contains(outage.Deliveries, d => d.Channel == AlertChannel.PagerDuty && d.Kind == AlertDeliveryKind.Resolve && d.Status == AlertDeliveryStatus.Delivered);

        // The Alerts page an admin opens shows it in the history.
        await FormSignIn.SignInAsync(clientB, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        var page = await clientB.GetStringAsync("/alerts", ct);
        var history = page[page.IndexOf("alert-history", StringComparison.Ordinal)..];
        Assert.Contains("Database unreachable", history, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", page, StringComparison.Ordinal);
    }

    private static List<JsonElement> Events(AlertAppFactory app, string action) =>
        app.Receiver.BodiesFor(PagerDutyUrl).Where(e => e.GetProperty("event_action").GetString() == action).ToList();

    private static AlertAppFactory Start(string connectionString)
    {
        var app = new AlertAppFactory(DatabaseProvider.Postgres, connectionString);
        app.Settings["Alerts:EvaluationSeconds"] = "1";
        app.Settings["Alerts:NotReadyMinutes"] = "0.05";
        app.Settings["Alerts:DeliveryPollMilliseconds"] = "100";
        app.Settings["Alerts:DeliveryRetryBaseSeconds"] = "0.2";
        app.Settings["Alerts:Source"] = "hotline-test";
        app.Settings["Alerts:Webhooks:0:Url"] = PagerDutyUrl;
        app.Settings["Alerts:Webhooks:0:Kind"] = "PagerDuty";
        app.Settings["Alerts:Webhooks:0:RoutingKey"] = "R0UT1NGKEY-secret";
        app.Settings["Alerts:Webhooks:1:Url"] = SlackUrl;
        app.Settings["Alerts:Webhooks:1:Kind"] = "Slack";
        return app;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(100, ct);
        }
    }
}
