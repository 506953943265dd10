using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Data.Errors;

namespace Telephony.Tests.Alerts;

public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private const string SlackUrl = "https://hooks.slack.example/services/T000/B000/slack-secret";
    private const string PagerDutyUrl = "https://events.pagerduty.example/v2/enqueue";
    private const string WebhookUrl = "https://ops.example/hooks/alerts-secret";
    private const string RoutingKey = "R0UT1NGKEY-secret-0123456789abcdef";

    private readonly AlertAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Settings["Alerts:Webhooks:0:Url"] = SlackUrl;
        app.Settings["Alerts:Webhooks:0:Kind"] = "Slack";
        app.Settings["Alerts:Webhooks:1:Url"] = PagerDutyUrl;
        app.Settings["Alerts:Webhooks:1:Kind"] = "PagerDuty";
        app.Settings["Alerts:Webhooks:1:RoutingKey"] = RoutingKey;
        app.Settings["Alerts:Webhooks:2:Url"] = WebhookUrl;
        app.Settings["Alerts:Webhooks:2:Kind"] = "Webhook";
        app.Settings["Alerts:DeliveryPollMilliseconds"] = "50";
        app.Settings["Alerts:DeliveryRetryBaseSeconds"] = "0.05";
        app.Settings["Alerts:Source"] = "hotline-test";
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private TelephonyDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext();

    [Fact]
    public async Task A_voicemail_backlog_warning_reaches_slack_and_the_generic_webhook_and_never_pagerduty()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Db())
        {
            await AlertSeed.VoicemailsAsync(db, 11, DateTimeOffset.UtcNow);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await app.Evaluator.EvaluateOnceAsync(ct); // still firing: nothing new to send
        await WaitForAsync(() => app.Receiver.Received.Count >= 2, ct);

        long alertId;
        await using (var db = Db())
        {
            alertId = (await db.Alerts.SingleAsync(ct)).Id;
            await AlertSeed.ClearBacklogAsync(db);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await WaitForAsync(() => app.Receiver.Received.Count >= 4, ct);
        await Task.Delay(300, ct); // nothing more arrives

        var slack = app.Receiver.BodiesFor(SlackUrl);
        Assert.Equal(2, slack.Count);
        Assert.Equal([JsonValueKind.String], slack[0].EnumerateObject().Select(p => p.Value.ValueKind));
        Assert.StartsWith(":warning: *WARNING* Voicemail backlog: 11 voicemails waiting (limit 10).", slack[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(":white_check_mark: *RESOLVED* Voicemail backlog", slack[1].GetProperty("text").GetString(), StringComparison.Ordinal);

        Assert.Empty(app.Receiver.BodiesFor(PagerDutyUrl));

        var generic = app.Receiver.BodiesFor(WebhookUrl);
        Assert.Equal(2, generic.Count);
        Assert.Equal("fire", generic[0].GetProperty("event").GetString());
        Assert.Equal("voicemail-backlog", generic[0].GetProperty("rule").GetString());
        Assert.Equal("warning", generic[0].GetProperty("severity").GetString());
        Assert.Equal("11 voicemails waiting (limit 10).", generic[0].GetProperty("message").GetString());
        Assert.Equal("resolve", generic[1].GetProperty("event").GetString());
        Assert.Equal(generic[0].GetProperty("dedupKey").GetString(), generic[1].GetProperty("dedupKey").GetString());

        await using (var db = Db())
        {
            var deliveries = await db.AlertDeliveries.ToListAsync(ct);
            Assert.Equal(4, deliveries.Count);
            Assert.DoesNotContain(deliveries, d => d.Channel == AlertChannel.PagerDuty);
            Assert.All(deliveries, d => Assert.Equal((alertId, AlertDeliveryStatus.Delivered, 1), (d.AlertId, d.Status, d.Attempts)));
            Assert.DoesNotContain(deliveries, d => d.Target.Contains("secret", StringComparison.Ordinal) || d.TargetKey.Contains("secret", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("alerts-secret", StringComparison.Ordinal) || e.Contains("slack-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_critical_alert_and_its_resolution_reach_pagerduty_in_its_shape_with_one_dedup_key()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Db())
        {
            db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.DatabaseFailure, Route = "/twilio/voice/frontdoor", At = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await WaitForAsync(() => app.Receiver.BodiesFor(PagerDutyUrl).Count >= 1, ct);

        long alertId;
        await using (var db = Db())
        {
            alertId = (await db.Alerts.SingleAsync(a => a.RuleKey == AlertRules.DatabaseFailures, ct)).Id;
            await db.WebhookErrors.ExecuteDeleteAsync(ct);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await WaitForAsync(() => app.Receiver.BodiesFor(PagerDutyUrl).Count >= 2, ct);

        var pagerDuty = app.Receiver.BodiesFor(PagerDutyUrl);
        var trigger = pagerDuty[0];
        Assert.Equal(RoutingKey, trigger.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", trigger.GetProperty("event_action").GetString());
        Assert.Equal(alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), trigger.GetProperty("dedup_key").GetString());
        var payload = trigger.GetProperty("payload");
        Assert.StartsWith("Database failures: 1 database failure(s)", payload.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        Assert.Equal("hotline-test", payload.GetProperty("source").GetString());
        Assert.True(DateTimeOffset.TryParse(payload.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("resolve", pagerDuty[1].GetProperty("event_action").GetString());
        Assert.Equal(trigger.GetProperty("dedup_key").GetString(), pagerDuty[1].GetProperty("dedup_key").GetString());

        // Critical alerts reach the warning targets too.
        Assert.Equal(2, app.Receiver.BodiesFor(SlackUrl).Count);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains(RoutingKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pagerduty_target_set_to_warning_is_paged_for_warnings_too()
    {
        var ct = TestContext.Current.CancellationToken;
        app.Settings["Alerts:Webhooks:1:MinSeverity"] = "Warning";
        await using (var db = Db())
        {
            await AlertSeed.VoicemailsAsync(db, 11, DateTimeOffset.UtcNow);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await WaitForAsync(() => app.Receiver.BodiesFor(PagerDutyUrl).Count >= 1, ct);

        Assert.Equal("warning", app.Receiver.BodiesFor(PagerDutyUrl)[0].GetProperty("payload").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_the_notice_on_the_third_attempt_and_the_page_data_shows_it()
    {
        var ct = TestContext.Current.CancellationToken;
        app.Receiver.FailFirst(SlackUrl, 2);
        await using (var db = Db())
        {
            await AlertSeed.VoicemailsAsync(db, 11, DateTimeOffset.UtcNow);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);

        var store = app.Services.GetRequiredService<AlertStore>();
        await WaitForAsync(async () => (await store.ListOpenAsync(ct)).Single().Deliveries.All(d => d.Status == AlertDeliveryStatus.Delivered), ct);
        var deliveries = (await store.ListOpenAsync(ct)).Single().Deliveries;
        var slack = Assert.Single(deliveries, d => d.Channel == AlertChannel.Slack);
        Assert.Equal(3, slack.Attempts);
        Assert.Null(slack.LastError);
        Assert.Equal("Slack · hooks.slack.example", slack.Target);
        Assert.Equal(1, Assert.Single(deliveries, d => d.Channel == AlertChannel.Webhook).Attempts);
        Assert.Equal(3, app.Receiver.BodiesFor(SlackUrl).Count);
        Assert.Contains(app.Logs.Entries, e => e.Contains("to Slack hooks.slack.example failed (attempt 2: HTTP 500)", StringComparison.Ordinal));
    }

    private static Task WaitForAsync(Func<bool> condition, CancellationToken ct) => WaitForAsync(() => Task.FromResult(condition()), ct);

    private static async Task WaitForAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the deliveries.");
            await Task.Delay(50, ct);
        }
    }
}
