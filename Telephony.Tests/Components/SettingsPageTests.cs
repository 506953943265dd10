using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Settings;
using Telephony.Tests.Alerts;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Provisioning;
using Telephony.Web.Settings;

namespace Telephony.Tests.Components;

public sealed class SettingsPageTests() : ConsoleBunitContext(Now)
{
    private const string Admin = "admin@test.local";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Out_of_range_values_are_named_on_their_fields_and_nothing_is_saved()
    {
        var cut = RenderAsAdmin();

        Input(cut, "Alerts-MinCallSuccessRate").Change("150");
        Input(cut, "Alerts-MaxVoicemailBacklog").Change("-1");
        Input(cut, "Alerts-MinCallsForSuccessRate").Change("2.5");
        Input(cut, "Console-Tiles-ServiceLevelRedBelow").Change("");
        Input(cut, "Alerts-MaxRateLimitViolationsPerHour").Change("20"); // valid, but not saved with the rest
        cut.Find("[data-testid=settings-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved: 4 field(s) need attention.", cut.Find("[data-testid=settings-outcome]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Enter a value from 0 to 100.", FieldError(cut, "Alerts-MinCallSuccessRate"));
        Assert.Equal("Enter a value from 0 to 100000.", FieldError(cut, "Alerts-MaxVoicemailBacklog"));
        Assert.Equal("Enter a whole number.", FieldError(cut, "Alerts-MinCallsForSuccessRate"));
        Assert.Equal("Enter a value.", FieldError(cut, "Console-Tiles-ServiceLevelRedBelow"));
        Assert.Null(FieldError(cut, "Alerts-MaxRateLimitViolationsPerHour"));
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task An_amber_limit_as_severe_as_red_is_refused_on_both_fields_and_nothing_is_saved()
    {
        var cut = RenderAsAdmin();

        Input(cut, "Console-Tiles-CallSuccessAmberBelow").Change("85"); // red is below 90 %
        Input(cut, "Console-Tiles-VoicemailBacklogAmberAbove").Change("10"); // red is above 10
        cut.Find("[data-testid=settings-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("The amber limit must be above the red limit (90).", FieldError(cut, "Console-Tiles-CallSuccessAmberBelow")), Wait);
        Assert.Equal("The red limit must be below the amber limit (85).", FieldError(cut, "Console-Tiles-CallSuccessRedBelow"));
        Assert.Equal("The amber limit must be below the red limit (10).", FieldError(cut, "Console-Tiles-VoicemailBacklogAmberAbove"));
        Assert.Equal("The red limit must be above the amber limit (10).", FieldError(cut, "Console-Tiles-VoicemailBacklogRedAbove"));
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task A_valid_save_writes_one_audit_entry_per_changed_setting_with_old_and_new_value_and_the_admin()
    {
        var cut = RenderAsAdmin();

        Input(cut, "Alerts-MaxVoicemailBacklog").Change("3");
        Input(cut, "Console-Tiles-CallSuccessAmberBelow").Change("97");
        Input(cut, "Alerts-CallWindowMinutes").Change("30"); // its default: not a change
        cut.Find("[data-testid=settings-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Saved: 2 setting(s) changed", cut.Find("[data-testid=settings-outcome]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Changed by an administrator (default: 10)", cut.Find("[data-testid=settings-group-alerts]").TextContent, StringComparison.Ordinal);
        await using (var db = Database.CreateDbContext())
        {
            var entries = await db.AdminAuditEntries.Where(e => e.Action == ThresholdStore.AuditAction).OrderBy(e => e.Target).ToListAsync(Ct);
            Assert.Equal(["Alerts:MaxVoicemailBacklog", "Console:Tiles:CallSuccessAmberBelow"], entries.Select(e => e.Target));
            Assert.Equal(["10 -> 3", "95 % -> 97 %"], entries.Select(e => e.Detail));
            Assert.All(entries, e => Assert.Equal(Admin, e.UserEmail));
            Assert.Equal(2, await db.StoredThresholds.CountAsync(Ct));
        }

        var live = Services.GetRequiredService<LiveThresholds>().Current;
        Assert.Equal(3, live.Alerts.MaxVoicemailBacklog);
        Assert.Equal(0.97, live.Tiles.CallSuccessAmberBelow);

        // Reset puts the alert rules back to configuration: the row goes, and that is audited too.
        cut.Find("[data-testid=reset-alerts]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Back to defaults: 1 setting(s) changed.", cut.Find("[data-testid=settings-outcome]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("10", Input(cut, "Alerts-MaxVoicemailBacklog").GetAttribute("value"));
        Assert.Equal("97", Input(cut, "Console-Tiles-CallSuccessAmberBelow").GetAttribute("value"));
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal("Console:Tiles:CallSuccessAmberBelow", Assert.Single(await db.StoredThresholds.ToListAsync(Ct)).Key);
            var reset = await db.AdminAuditEntries.Where(e => e.Action == ThresholdStore.AuditAction).OrderByDescending(e => e.Id).FirstAsync(Ct);
            Assert.Equal("3 -> 10 (default)", reset.Detail);
        }
    }

    [Fact]
    public async Task A_saved_tile_threshold_recolours_an_open_Overview_without_reloading_it()
    {
        await using (var db = Database.CreateDbContext())
        {
            await AlertSeed.VoicemailsAsync(db, 3, Now.AddMinutes(-30));
        }

        AddAuthorization().SetAuthorized(Admin).SetRoles(Roles.Admin);
        var overview = Render<Overview>();
        overview.WaitForAssertion(() => Assert.Contains("tone-good", overview.Find("[data-testid=tile-backlog]").ClassList));

        var values = new Dictionary<string, double>(Services.GetRequiredService<LiveThresholds>().Defaults)
        {
            ["Console:Tiles:VoicemailBacklogAmberAbove"] = 1,
            ["Console:Tiles:VoicemailBacklogRedAbove"] = 2,
        };
        var result = await Services.GetRequiredService<ThresholdEditing>().SaveAsync(values, new AdminActor("admin-id", Admin), Ct);
        Assert.Empty(result.Problems);

        overview.WaitForAssertion(() => Assert.Contains("tone-bad", overview.Find("[data-testid=tile-backlog]").ClassList), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task When_another_admin_saves_the_open_page_shows_their_values_and_keeps_what_this_admin_typed()
    {
        var cut = RenderAsAdmin();
        Input(cut, "Alerts-MaxVoicemailBacklog").Change("4"); // typed here, not saved yet

        var values = new Dictionary<string, double>(Services.GetRequiredService<LiveThresholds>().Defaults)
        {
            ["Alerts:MaxVoicemailBacklog"] = 20,
            ["Console:Tiles:CallSuccessAmberBelow"] = 0.97,
        };
        var result = await Services.GetRequiredService<ThresholdEditing>().SaveAsync(values, new AdminActor("other-id", "other@test.local"), Ct);
        Assert.Empty(result.Problems);

        cut.WaitForAssertion(() => Assert.Equal("97", Input(cut, "Console-Tiles-CallSuccessAmberBelow").GetAttribute("value")), Wait);
        Assert.Equal("4", Input(cut, "Alerts-MaxVoicemailBacklog").GetAttribute("value"));
        Assert.Contains("Another administrator saved these settings", cut.Find("[data-testid=settings-outcome]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Changed by an administrator (default: 95)", cut.Find("[data-testid=settings-group-tiles]").TextContent, StringComparison.Ordinal);

        // Saving now writes this admin's value over the other's, audited as a change from theirs.
        cut.Find("[data-testid=settings-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Saved: 1 setting(s) changed", cut.Find("[data-testid=settings-outcome]").TextContent, StringComparison.Ordinal), Wait);
        await using var db = Database.CreateDbContext();
        var last = await db.AdminAuditEntries.Where(e => e.Action == ThresholdStore.AuditAction && e.UserEmail == Admin).SingleAsync(Ct);
        Assert.Equal(("Alerts:MaxVoicemailBacklog", "20 -> 4"), (last.Target, last.Detail));
    }

    private IRenderedComponent<SettingsPage> RenderAsAdmin()
    {
        AddAuthorization().SetAuthorized(Admin).SetRoles(Roles.Admin);
        var cut = Render<SettingsPage>();
        cut.WaitForElement("[data-testid=settings-form]", TimeSpan.FromSeconds(10));
        return cut;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<SettingsPage> cut, string key) => cut.Find($"input[data-testid=setting-{key}]");

    /// <summary>The error shown under a field, or null when it has none.</summary>
    private static string? FieldError(IRenderedComponent<SettingsPage> cut, string key)
    {
        var field = Input(cut, key).Closest(".mud-input-control")!;
        return field.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
    }

    private async Task AssertNothingSavedAsync()
    {
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.StoredThresholds.CountAsync(Ct));
        Assert.Equal(0, await db.AdminAuditEntries.CountAsync(e => e.Action == ThresholdStore.AuditAction, Ct));
        Assert.Equal(10, Services.GetRequiredService<LiveThresholds>().Current.Alerts.MaxVoicemailBacklog);
    }
}
