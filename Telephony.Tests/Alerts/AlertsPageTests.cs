using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Tests.Components;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Alerts;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Alerts;

public sealed class AlertsPageTests : MudBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private readonly SqliteDatabase database = new();
    private readonly FakeTimeProvider time = new(Now);

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        Services.AddTelephonyData(DatabaseProvider.Sqlite, database.ConnectionString);
        Services.AddSingleton<TimeProvider>(time);
        Services.AddOptions<AlertOptions>();
        Services.AddSingleton<AlertStore>();
        Services.AddSingleton<AlertTargets>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Open_alerts_show_severity_state_and_notifications_and_acknowledge_marks_who()
    {
        var critical = await SeedAsync(AlertRules.CallSuccessRate, AlertSeverity.Critical, AlertStatus.Firing, "Call success rate 70 % over the last 30 minutes", Now.AddMinutes(-12));
        await SeedAsync(AlertRules.VoicemailBacklog, AlertSeverity.Warning, AlertStatus.Acknowledged, "14 voicemails waiting (limit 10).", Now.AddMinutes(-40), acknowledgedBy: "lead@test.local");
        await SeedAsync(AlertRules.FailedTransactions, AlertSeverity.Warning, AlertStatus.Resolved, "7 failed transactions in the last hour (limit 5).", Now.AddHours(-3));
        await SeedDeliveryAsync(critical, AlertDeliveryStatus.Pending, attempts: 2, error: "HTTP 500");
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<AlertsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alert-rule]").Count));
        Assert.Equal(["Call success rate low", "Voicemail backlog"], cut.FindAll("[data-testid=alert-rule]").Select(r => r.TextContent.Trim()).ToList());
        var severities = cut.FindAll("[data-testid=alert-severity]");
        Assert.Contains("mud-chip-color-error", severities[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-warning", severities[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("by lead@test.local", cut.FindAll("[data-testid=alert-state]")[1].TextContent, StringComparison.Ordinal);
        var delivery = cut.Find("[data-testid=alert-delivery]").TextContent;
        Assert.Contains("Retrying", delivery, StringComparison.Ordinal);
        Assert.Contains("2 attempts", delivery, StringComparison.Ordinal);
        Assert.Contains("last error: HTTP 500", delivery, StringComparison.Ordinal);
        Assert.Contains("7 failed transactions", cut.Find("[data-testid=alert-history]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cleared on its own", cut.Find("[data-testid=history-resolved]").TextContent, StringComparison.Ordinal);

        var acknowledge = Assert.Single(cut.FindAll("button[data-testid=acknowledge]"));
        acknowledge.Click();

        cut.WaitForAssertion(() => Assert.Contains("by support@test.local", cut.FindAll("[data-testid=alert-state]")[0].TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("button[data-testid=acknowledge]"));
    }

    [Fact]
    public async Task Resolving_moves_the_alert_to_history()
    {
        await SeedAsync(AlertRules.DatabaseFailures, AlertSeverity.Critical, AlertStatus.Firing, "2 database failure(s) in the last 5 minutes.", Now.AddMinutes(-2));
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var cut = Render<AlertsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=alert-rule]")));

        cut.Find("button[data-testid=resolve]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=alerts-none-open]")));
        Assert.Contains("by admin@test.local", cut.Find("[data-testid=history-resolved]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_alert_appears_on_an_open_page_and_in_the_banner_without_reload()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var page = Render<AlertsPage>();
        var banner = Render<OpenAlertsBanner>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=alerts-none-open]")));
        Assert.Empty(banner.FindAll("[data-testid=open-alerts-banner]"));

        await SeedAsync(AlertRules.WebhookErrorBurst, AlertSeverity.Critical, AlertStatus.Firing, "9 webhook errors in one minute (limit 5).", Now, live: true);
        await SeedAsync(AlertRules.VoicemailBacklog, AlertSeverity.Warning, AlertStatus.Firing, "12 voicemails waiting (limit 10).", Now, live: true);

        banner.WaitForAssertion(() => Assert.Equal("1 critical", banner.Find("[data-testid=open-alerts-critical]").TextContent.Trim()), TimeSpan.FromSeconds(3));
        Assert.Equal("1 warning", banner.Find("[data-testid=open-alerts-warning]").TextContent.Trim());
        Assert.Equal("alerts", banner.Find("a[data-testid=open-alerts-banner]").GetAttribute("href"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=alert-rule]").Count), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Rules_read_in_french_keep_their_key_and_an_unknown_rule_reads_as_its_key()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        await SeedAsync(AlertRules.CallSuccessRate, AlertSeverity.Critical, AlertStatus.Firing, "Call success rate 70 %", Now.AddMinutes(-12));
        await SeedAsync("disk-full", AlertSeverity.Warning, AlertStatus.Firing, "Disk 95 % full", Now.AddMinutes(-40));
        await SeedAsync(OutageConditions.JournalNotDraining, AlertSeverity.Critical, AlertStatus.Resolved, "Journal 10 min behind", Now.AddHours(-3));
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<AlertsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alert-rule]").Count));
        var open = cut.FindAll("[data-testid=alert-rule]");
        Assert.Equal(["Taux de réussite des appels bas", "disk-full"], open.Select(r => r.TextContent.Trim()).ToList());
        Assert.Equal([AlertRules.CallSuccessRate, "disk-full"], open.Select(r => r.GetAttribute("title")).ToList());
        var resolved = cut.Find("[data-testid=history-rule]");
        Assert.Equal("Le journal ne se vide pas", resolved.TextContent.Trim());
        Assert.Equal(OutageConditions.JournalNotDraining, resolved.GetAttribute("title"));
    }

    /// <summary>Seeds through the app's own context factory (when <paramref name="live"/>), so the change feed announces it.</summary>
    private async Task<long> SeedAsync(string rule, AlertSeverity severity, AlertStatus status, string message, DateTimeOffset firedAt, string? acknowledgedBy = null, bool live = false)
    {
        await using var db = live ? Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext() : database.CreateDbContext();
        var alert = new Alert
        {
            RuleKey = rule, Severity = severity, Status = status, Message = message, FiredAt = firedAt, LastSeenAt = firedAt,
            AcknowledgedBy = acknowledgedBy, AcknowledgedAt = acknowledgedBy is null ? null : firedAt.AddMinutes(1),
            ResolvedAt = status == AlertStatus.Resolved ? firedAt.AddMinutes(30) : null,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return alert.Id;
    }

    private async Task SeedDeliveryAsync(long alertId, AlertDeliveryStatus status, int attempts, string? error)
    {
        await using var db = database.CreateDbContext();
        db.AlertDeliveries.Add(new AlertDelivery
        {
            AlertId = alertId, Target = "Slack · hooks.slack.com", TargetKey = "Slack:abc", Channel = AlertChannel.Slack, Kind = AlertDeliveryKind.Fire,
            Status = status, Attempts = attempts, LastError = error, CreatedAt = Now, NextAttemptAt = Now.AddSeconds(20),
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
