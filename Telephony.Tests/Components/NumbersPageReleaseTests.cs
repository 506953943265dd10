using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Telephony.Data.Provisioning;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Components;

/// <summary>
/// Releasing a number from the Numbers page hands it back to Twilio, so the page asks first: keeping it changes nothing,
/// and only confirming starts the release (a provisioning transaction, audited).
/// </summary>
public sealed class NumbersPageReleaseTests() : ConsoleBunitContext(Now)
{
    private const string Sid = "PN0123456789abcdef0123456789abcdef";
    private const string E164 = "+16045550177";

    private static readonly DateTimeOffset Now = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        await using var db = Database.CreateDbContext();
        db.PhoneNumbers.Add(new PhoneNumber { Sid = Sid, E164 = E164, ConfigurationStatus = "configured", Status = "active", CreatedAt = Now });
        await db.SaveChangesAsync(Ct);
    }

    protected override void AddAppServices(IHostApplicationBuilder app) => app.AddProvisioningServices();

    [Fact]
    public async Task Release_asks_first_keeping_the_number_changes_nothing_and_confirming_starts_the_release()
    {
        var cut = Render<NumbersPage>();
        cut.WaitForElement("[data-testid=release]");

        NumberRow(cut).QuerySelector("[data-testid=release]")!.Click();
        var question = cut.Find("[data-testid=release-confirmation]").TextContent;
        Assert.Contains($"Release {E164}?", question, StringComparison.Ordinal);
        Assert.Contains("calls to it stop reaching the hotline", question, StringComparison.Ordinal);
        cut.Find("[data-testid=keep-number]").Click();
        Assert.Empty(cut.FindAll("[data-testid=release-confirmation]"));
        await using (var db = Database.CreateDbContext())
        {
            Assert.False(await db.ProvisioningTransactions.AnyAsync(Ct));
            Assert.False(await db.AdminAuditEntries.AnyAsync(Ct));
        }

        NumberRow(cut).QuerySelector("[data-testid=release]")!.Click();
        cut.Find("[data-testid=confirm-release]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=release-confirmation]")));
        await using var check = Database.CreateDbContext();
        Assert.Equal(1, await check.ProvisioningTransactions.CountAsync(Ct));
        var audit = await check.AdminAuditEntries.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("provisioning-release", Sid, "admin@test.local"), (audit.Action, audit.Target, audit.UserEmail));
    }

    private static IElement NumberRow(IRenderedComponent<NumbersPage> cut) =>
        cut.FindAll("tbody tr").Single(r => r.TextContent.Contains(E164, StringComparison.Ordinal));
}
