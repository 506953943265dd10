using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.RateLimiting;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Journal;

namespace Telephony.Tests.Components;

public sealed class LiveAndErrorPagesTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Live_calls_show_masked_callers_to_support_and_open_a_timeline_on_click()
    {
        await SeedCallAsync("+15145550123", CallStatus.InProgress, CallRoute.Support);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<LiveCalls>();

        cut.WaitForAssertion(() => Assert.Equal("+1514***0123", cut.Find("[data-testid=live-caller]").TextContent));
        Assert.Contains("Support", cut.Find("[data-testid=live-calls-table]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2:05", cut.Find("[data-testid=live-duration]").TextContent);
        cut.Find("[data-testid=live-calls-table] tbody tr").Click();
        cut.WaitForAssertion(() => Assert.Contains("transfer", cut.Find("[data-testid=call-timeline]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hundreds_of_calls_at_once_are_shown_a_page_at_a_time_longest_running_first()
    {
        await using (var db = Database.CreateDbContext())
        {
            for (var i = 0; i < 120; i++)
            {
                var at = Now.AddSeconds(-1_000 + i);
                db.Calls.Add(new Call { CallSid = $"CA{i:D32}", From = $"+1514555{i:D4}", To = "+15145550100", Status = CallStatus.InProgress, CreatedAt = at, UpdatedAt = at });
            }

            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var cut = Render<LiveCalls>();

        cut.WaitForAssertion(() => Assert.Equal(LiveCalls.PageSize, cut.FindAll("[data-testid=live-caller]").Count));
        Assert.Equal("+15145550000", cut.FindAll("[data-testid=live-caller]")[0].TextContent);
        Assert.Contains("1-50 of 120", cut.Find("[data-testid=live-calls-pager]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=live-calls-pager] button[aria-label='Last page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=live-caller]").Count));
        Assert.Equal("+15145550100", cut.FindAll("[data-testid=live-caller]")[0].TextContent);
        Assert.Contains("101-120 of 120", cut.Find("[data-testid=live-calls-pager]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_see_whole_numbers_and_no_calls_says_so()
    {
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var empty = Render<LiveCalls>();
        empty.WaitForAssertion(() => Assert.Contains("No calls in progress", empty.Find("[data-testid=no-live-calls]").TextContent, StringComparison.Ordinal));

        await SeedCallAsync("+15145550123", CallStatus.Ringing, CallRoute.None);
        var cut = Render<LiveCalls>();

        cut.WaitForAssertion(() => Assert.Equal("+15145550123", cut.Find("[data-testid=live-caller]").TextContent));
    }

    [Fact]
    public async Task The_errors_page_lists_webhook_errors_and_rate_limited_callers_masked_for_support()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.WebhookErrors.Add(new WebhookError { Kind = WebhookErrorKind.TwilioError, Route = "/twilio/voice/fallback", ErrorCode = "11200", Detail = "<b>not bold</b>", At = Now.AddMinutes(-3) });
            db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = "+15145550999", At = Now.AddMinutes(-2) });
            db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = "+15145550999", At = Now.AddMinutes(-1) });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var cut = Render<ErrorsPage>();

        cut.WaitForAssertion(() => Assert.Contains("11200", cut.Find("[data-testid=errors-table]").TextContent, StringComparison.Ordinal));
        Assert.Contains("<b>not bold</b>", cut.Find("[data-testid=errors-table]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=errors-table] b"));
        Assert.Equal("+1514***0999", cut.Find("[data-testid=violation-caller]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=errors-total-value]").TextContent.Trim());
    }

    [Fact]
    public async Task Admins_see_rate_limited_callers_whole_and_an_erased_caller_is_named_as_such_for_both_roles()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = "+15145550888", At = Now.AddMinutes(-2) });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        await SeedCallAsync(Telephony.Data.Privacy.CallerDataStore.ErasedNumber, CallStatus.InProgress, CallRoute.Sales);
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);

        var errors = Render<ErrorsPage>();
        var live = Render<LiveCalls>();

        errors.WaitForAssertion(() => Assert.Equal("+15145550888", errors.Find("[data-testid=violation-caller]").TextContent));
        live.WaitForAssertion(() => Assert.Equal("Erased caller", live.Find("[data-testid=live-caller]").TextContent));
        Assert.Equal("Erased caller", Telephony.Web.Components.Common.CallerDisplay.Format("erased", isAdmin: false));
    }

    [Fact]
    public async Task Withheld_callers_are_shown_as_withheld_caller_id_with_the_number_they_called()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.RateLimitViolations.Add(new RateLimitViolation { CallerNumber = WithheldCallerId.RateLimitKey("Restricted", "+15145550100"), At = Now.AddMinutes(-2) });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var errors = Render<ErrorsPage>();

        errors.WaitForAssertion(() => Assert.Equal("Withheld caller ID (calling +15145550100)", errors.Find("[data-testid=violation-caller]").TextContent));
        Assert.Equal("Withheld caller ID", Telephony.Web.Components.Common.CallerDisplay.Format("+266696687", isAdmin: true));
        Assert.Equal("Withheld caller ID", Telephony.Web.Components.Common.CallerDisplay.Format("anonymous", isAdmin: false));
        Assert.Equal("Withheld caller ID", Telephony.Web.Components.Common.CallerDisplay.Format("", isAdmin: false));
    }

    [Fact]
    public void With_no_errors_the_errors_page_says_so()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<ErrorsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-errors]")));
        Assert.NotNull(cut.Find("[data-testid=no-violations]"));
    }

    [Fact]
    public async Task Webhooks_waiting_in_the_journal_are_counted_on_the_errors_page()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var journal = Services.GetRequiredService<WebhookJournal>();
        foreach (var sid in new[] { "CA1", "CA2" })
        {
            await journal.AppendAsync(
                new JournalRecord(Guid.NewGuid().ToString("N"), TwilioRoutes.Status, Now, "test", [KeyValuePair.Create("CallSid", sid)], new Dictionary<string, string>()),
                Xunit.TestContext.Current.CancellationToken);
        }

        var cut = Render<ErrorsPage>();

        cut.WaitForAssertion(() => Assert.StartsWith("2 webhook(s) received while the database was unavailable", cut.Find("[data-testid=journal-pending]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_puts_set_aside_webhooks_back_for_replay_from_the_errors_page_and_support_does_not_see_the_action()
    {
        var authorization = AddAuthorization();
        var journal = Services.GetRequiredService<WebhookJournal>();
        foreach (var sid in new[] { "CA7", "CA8" })
        {
            await journal.QuarantineAsync(
                new JournalRecord(Guid.NewGuid().ToString("N"), TwilioRoutes.Status, Now, "test", [KeyValuePair.Create("CallSid", sid)], new Dictionary<string, string>()),
                Xunit.TestContext.Current.CancellationToken);
        }

        authorization.SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var support = Render<ErrorsPage>();
        support.WaitForAssertion(() => Assert.NotNull(support.Find("[data-testid=no-errors]")));
        Assert.Empty(support.FindAll("[data-testid=journal-quarantined]"));

        authorization.SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var cut = Render<ErrorsPage>();
        cut.WaitForAssertion(() => Assert.StartsWith("2 webhook(s) the database kept refusing are set aside in this instance's webhooks.quarantine.jsonl", cut.Find("[data-testid=journal-quarantined]").TextContent.Trim(), StringComparison.Ordinal));

        await cut.InvokeAsync(() => cut.Find("[data-testid=requeue-quarantined] button, button[data-testid=requeue-quarantined]").Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=journal-quarantined]")));
        Assert.Equal(["CA7", "CA8"], journal.Pending().Select(r => r.Field("CallSid")));
        Assert.False(File.Exists(journal.QuarantinePath));
        Assert.StartsWith("2 webhook(s) received while the database was unavailable", cut.Find("[data-testid=journal-pending]").TextContent.Trim(), StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal("2 set-aside webhooks put back for replay", Assert.Single(db.AdminAuditEntries, e => e.Action == "journal-requeue").Detail);
    }

    private async Task SeedCallAsync(string from, CallStatus status, CallRoute route)
    {
        await using var db = Database.CreateDbContext();
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        db.Calls.Add(new Call { CallSid = sid, From = from, To = "+15145550100", Status = status, Route = route, CreatedAt = Now.AddSeconds(-125), UpdatedAt = Now.AddSeconds(-30) });
        db.CallEvents.Add(new CallEvent { CallSid = sid, Kind = "transfer", Detail = "support, recording off", OccurredAt = Now.AddSeconds(-100) });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
