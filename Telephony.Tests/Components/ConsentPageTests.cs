using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

public sealed class ConsentPageTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_no_calls_the_rate_is_a_dash_and_nothing_was_recorded_without_consent()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<ConsentPage>();

        cut.WaitForAssertion(() => Assert.Equal("—", cut.Find("[data-testid=consent-rate-value]").TextContent.Trim()));
        Assert.Equal("0", cut.Find("[data-testid=consent-violations-value]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=recordings-without-consent-alert]"));
        Assert.Empty(cut.FindAll("[data-testid=ledger-table]"));
    }

    [Fact]
    public async Task A_recorded_transfer_without_consent_is_shown_prominently_and_admins_see_the_ledger()
    {
        await using (var db = Database.CreateDbContext())
        {
            var sid = "CA" + new string('1', 32);
            db.Calls.Add(new Call { CallSid = sid, From = "+15145550123", To = "+15145550100", Status = CallStatus.Completed, ConsentState = ConsentState.Withdrawn, CreatedAt = Now.AddHours(-2), UpdatedAt = Now.AddHours(-2) });
            db.ConsentRecords.Add(new ConsentRecord { CallSid = sid, CallerNumber = "+15145550123", Decision = ConsentDecision.Withdrawn, Method = "dtmf-8", PromptVersion = "2026-11-consent-v1", Language = "en", Jurisdiction = "CA-PIPEDA", RecordedAt = Now.AddHours(-2) });
            db.CallEvents.Add(new CallEvent { CallSid = sid, Kind = CallEventKinds.CallRecording, Detail = "RE1", OccurredAt = Now.AddHours(-2) });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var cut = Render<ConsentPage>();

        cut.WaitForAssertion(() => Assert.Contains("must be zero", cut.Find("[data-testid=recordings-without-consent-alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("1", cut.Find("[data-testid=consent-withdrawn-value]").TextContent.Trim());
        Assert.Contains("dtmf-8", cut.Find("[data-testid=ledger-table]").TextContent, StringComparison.Ordinal);
        Assert.Equal("consent/ledger.csv", cut.Find("[data-testid=ledger-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_window_is_picked_in_the_address_30_days_by_default_and_90_days_counts_older_calls()
    {
        await using (var db = Database.CreateDbContext())
        {
            foreach (var daysAgo in new[] { 3, 45, 80, 120 })
            {
                db.Calls.Add(new Call { CallSid = "CA" + daysAgo.ToString("D32", System.Globalization.CultureInfo.InvariantCulture), From = "+15145550123", To = "+15145550100", Status = CallStatus.Completed, ConsentState = ConsentState.Withdrawn, CreatedAt = Now.AddDays(-daysAgo), UpdatedAt = Now.AddDays(-daysAgo) });
            }

            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        var cut = Render<ConsentPage>();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=consent-withdrawn-value]").TextContent.Trim()));
        Assert.Contains("Consent rate (30 days)", cut.Markup, StringComparison.Ordinal);

        navigation.NavigateTo("consent?days=90");
        var quarter = Render<ConsentPage>();
        quarter.WaitForAssertion(() => Assert.Equal("3", quarter.Find("[data-testid=consent-withdrawn-value]").TextContent.Trim()));
        Assert.Contains("Consent rate (90 days)", quarter.Markup, StringComparison.Ordinal);
        Assert.Equal(["consent?days=7", "consent?days=30", "consent?days=90"], quarter.FindAll("[data-testid=consent-window] a").Select(a => a.GetAttribute("href")));
    }
}
