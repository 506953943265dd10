using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Data.Errors;
using Telephony.Tests.Metrics;

namespace Telephony.Tests.Alerts;

public sealed class AlertEvaluatorTests : IAsyncLifetime
{
    private readonly AlertAppFactory app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private TelephonyDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext();

    [Fact]
    public async Task A_backlog_over_ten_fires_one_warning_that_later_evaluations_keep_and_clearing_it_resolves()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Db())
        {
            await AlertSeed.VoicemailsAsync(db, 11, DateTimeOffset.UtcNow.AddMinutes(-10));
        }

        Assert.True(await app.Evaluator.EvaluateOnceAsync(ct));

        await using (var db = Db())
        {
            var alert = Assert.Single(await db.Alerts.ToListAsync(ct));
            Assert.Equal(AlertRules.VoicemailBacklog, alert.RuleKey);
            Assert.Equal(AlertStatus.Firing, alert.Status);
            Assert.Equal(AlertSeverity.Warning, alert.Severity);
            Assert.Equal(11, alert.Value);
            Assert.Equal("11 voicemails waiting (limit 10).", alert.Message);
        }

        Assert.True(await app.Evaluator.EvaluateOnceAsync(ct));
        await using (var db = Db())
        {
            Assert.Single(await db.Alerts.ToListAsync(ct));
            await AlertSeed.VoicemailsAsync(db, 1, DateTimeOffset.UtcNow);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await using (var db = Db())
        {
            var alert = Assert.Single(await db.Alerts.ToListAsync(ct));
            Assert.Equal(12, alert.Value); // the reading is refreshed, not a second alert
            await AlertSeed.ClearBacklogAsync(db);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await using (var db = Db())
        {
            var alert = Assert.Single(await db.Alerts.ToListAsync(ct));
            Assert.Equal(AlertStatus.Resolved, alert.Status);
            Assert.NotNull(alert.ResolvedAt);
            Assert.Null(alert.ResolvedBy);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        await using (var db = Db())
        {
            Assert.Single(await db.Alerts.ToListAsync(ct));
        }
    }

    [Fact]
    public async Task Acknowledging_keeps_the_alert_open_and_resolving_by_hand_records_who()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Db())
        {
            await AlertSeed.VoicemailsAsync(db, 11, DateTimeOffset.UtcNow);
        }

        await app.Evaluator.EvaluateOnceAsync(ct);
        var store = app.Services.GetRequiredService<AlertStore>();
        var open = Assert.Single(await store.ListOpenAsync(ct));

        Assert.Equal(AlertActionOutcome.Done, await store.AcknowledgeAsync(open.Id, open.Version, "support@test.local", ct));
        Assert.Equal(AlertActionOutcome.Stale, await store.AcknowledgeAsync(open.Id, open.Version, "other@test.local", ct));
        await app.Evaluator.EvaluateOnceAsync(ct);
        var acknowledged = Assert.Single(await store.ListOpenAsync(ct));
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal("support@test.local", acknowledged.AcknowledgedBy);

        Assert.Equal(AlertActionOutcome.Done, await store.ResolveAsync(acknowledged.Id, acknowledged.Version, "admin@test.local", [], ct));
        Assert.Empty(await store.ListOpenAsync(ct));
        var resolved = Assert.Single(await store.ListHistoryAsync(cancellationToken: ct));
        Assert.Equal("admin@test.local", resolved.ResolvedBy);
        Assert.Equal(AlertActionOutcome.NotAllowed, await store.ResolveAsync(resolved.Id, resolved.Version, "admin@test.local", [], ct));
    }

    [Fact]
    public async Task Ringing_calls_reconciliation_notes_and_a_few_bad_signatures_page_nobody()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        await using (var db = Db())
        {
            for (var i = 0; i < 12; i++)
            {
                db.Calls.Add(CallBuilder.At(now.AddMinutes(-5)).Transfer(10).Build());
                db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.Reconciled, Route = "reconciliation", At = now });
                db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.SignatureFailure, Route = "/twilio/voice/frontdoor", At = now });
            }

            await db.SaveChangesAsync(ct);
        }

        Assert.True(await app.Evaluator.EvaluateOnceAsync(ct));

        await using (var db = Db())
        {
            Assert.Empty(await db.Alerts.ToListAsync(ct));
        }
    }

    [Fact]
    public async Task Failed_finished_calls_safety_net_exceptions_and_a_signature_flood_each_fire_their_own_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        await using (var db = Db())
        {
            for (var i = 0; i < 10; i++)
            {
                db.Calls.Add(CallBuilder.At(now.AddMinutes(-10)).Transfer(10).Ended(40).Build()); // hung up while it rang
            }

            db.Calls.Add(CallBuilder.At(now.AddMinutes(-1)).Build()); // still ringing: not one of the finished calls
            for (var i = 0; i < 6; i++)
            {
                db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.HandlerException, Route = "/twilio/voice/menu", At = now });
            }

            for (var i = 0; i < 31; i++)
            {
                db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.SignatureFailure, Route = "/twilio/voice/frontdoor", At = now });
            }

            await db.SaveChangesAsync(ct);
        }

        Assert.True(await app.Evaluator.EvaluateOnceAsync(ct));

        await using (var db = Db())
        {
            var alerts = await db.Alerts.OrderBy(a => a.RuleKey).ToListAsync(ct);
            Assert.Equal([AlertRules.CallSuccessRate, AlertRules.SignatureFailures, AlertRules.WebhookErrorBurst], alerts.Select(a => a.RuleKey));
            Assert.Equal("Call success rate 0 % over the last 30 minutes (10 finished calls; limit 90 %).", alerts[0].Message);
            Assert.Equal((AlertSeverity.Warning, (double?)31), (alerts[1].Severity, alerts[1].Value));
            Assert.Equal((AlertSeverity.Critical, (double?)6), (alerts[2].Severity, alerts[2].Value));
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_open_alert_for_one_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Db();
        db.Alerts.Add(new Alert { RuleKey = AlertRules.VoicemailBacklog, Status = AlertStatus.Firing, FiredAt = DateTimeOffset.UtcNow });
        db.Alerts.Add(new Alert { RuleKey = AlertRules.VoicemailBacklog, Status = AlertStatus.Resolved, FiredAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(ct);

        db.Alerts.Add(new Alert { RuleKey = AlertRules.VoicemailBacklog, Status = AlertStatus.Acknowledged, FiredAt = DateTimeOffset.UtcNow });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
    }
}
