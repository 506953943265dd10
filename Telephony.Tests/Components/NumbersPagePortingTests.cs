using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Telephony.Core.Provisioning;
using Telephony.Data.Provisioning;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Components;

/// <summary>
/// Porting from the Numbers page: an admin submits a request (audited like the API's), sees what is wrong with an invalid
/// one without anything stored, advances a request a state at a time, and cancels one after confirming.
/// </summary>
public sealed class NumbersPagePortingTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
    }

    protected override void AddAppServices(IHostApplicationBuilder app) => app.AddProvisioningServices();

    [Fact]
    public async Task A_valid_request_appears_in_the_list_as_submitted_and_is_audited()
    {
        var cut = Render<NumbersPage>();
        cut.WaitForElement("[data-testid=porting-empty]");

        cut.Find("input[data-testid=porting-e164]").Change("+16045550123");
        cut.Find("input[data-testid=porting-carrier]").Change("Old Telco");
        cut.Find("[data-testid=porting-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("+16045550123", cut.Find("[data-testid=porting-table]").TextContent, StringComparison.Ordinal));
        var row = PortingRow(cut, "+16045550123");
        Assert.Contains("Old Telco", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("submitted", row.QuerySelector("[data-testid=porting-state]")!.TextContent.Trim());
        Assert.Equal("Advance to in review", row.QuerySelector("[data-testid=porting-advance]")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=porting-problem]"));
        Assert.Equal("", cut.Find("input[data-testid=porting-e164]").GetAttribute("value") ?? "");

        await using var db = Database.CreateDbContext();
        var stored = await db.PortingRequests.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("+16045550123", "Old Telco", PortingState.Submitted), (stored.E164, stored.LosingCarrier, stored.State));
        var audit = await db.AdminAuditEntries.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("porting-create", "+16045550123", "admin@test.local"), (audit.Action, audit.Target, audit.UserEmail));
        Assert.Contains(stored.Id.ToString(), audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6045550123", "Old Telco", "A number in E.164 form")]
    [InlineData("+16045550123", "", "The losing carrier's name")]
    public async Task An_invalid_request_shows_what_is_wrong_and_stores_nothing(string e164, string carrier, string expected)
    {
        var cut = Render<NumbersPage>();
        cut.WaitForElement("[data-testid=porting-empty]");

        cut.Find("input[data-testid=porting-e164]").Change(e164);
        cut.Find("input[data-testid=porting-carrier]").Change(carrier);
        cut.Find("[data-testid=porting-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("not submitted", cut.Find("[data-testid=porting-problem]").TextContent, StringComparison.Ordinal));
        Assert.Contains(expected, cut.Find("[data-testid=porting-form]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=porting-table]"));
        await using var db = Database.CreateDbContext();
        Assert.False(await db.PortingRequests.AnyAsync(Ct));
        Assert.False(await db.AdminAuditEntries.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_request_for_an_unknown_tenant_is_refused_with_the_services_reason()
    {
        var provisioning = Services.GetService<ProvisioningService>()!;
        var unknown = Guid.NewGuid();

        var creation = await provisioning.CreatePortingRequestAsync(new AdminActor(null, "admin@test.local"), "+16045550123", "Old Telco", unknown, Ct);

        Assert.Null(creation.Request);
        Assert.Contains(unknown.ToString(), creation.Problem, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.PortingRequests.AnyAsync(Ct));
    }

    [Fact]
    public async Task An_admin_advances_a_request_through_its_states_and_each_move_is_audited()
    {
        await SeedAsync("+16045550144", PortingState.Submitted);
        var cut = Render<NumbersPage>();
        cut.WaitForElement("[data-testid=porting-table]");

        foreach (var state in new[] { "in review", "approved", "scheduled", "completed" })
        {
            PortingRow(cut, "+16045550144").QuerySelector("[data-testid=porting-advance]")!.Click();
            cut.WaitForAssertion(() => Assert.Equal(state, PortingRow(cut, "+16045550144").QuerySelector("[data-testid=porting-state]")!.TextContent.Trim()));
        }

        var done = PortingRow(cut, "+16045550144");
        Assert.Null(done.QuerySelector("[data-testid=porting-advance]"));
        Assert.Null(done.QuerySelector("[data-testid=porting-cancel]"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(PortingState.Completed, (await db.PortingRequests.AsNoTracking().SingleAsync(Ct)).State);
        var moves = await db.AdminAuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["porting-move", "porting-move", "porting-move", "porting-move"], moves);
    }

    [Fact]
    public async Task Cancelling_asks_first_keep_it_changes_nothing_and_confirming_cancels()
    {
        await SeedAsync("+16045550155", PortingState.Approved);
        var cut = Render<NumbersPage>();
        cut.WaitForElement("[data-testid=porting-table]");

        PortingRow(cut, "+16045550155").QuerySelector("[data-testid=porting-cancel]")!.Click();
        Assert.Contains("Cancel the porting of +16045550155", cut.Find("[data-testid=porting-confirmation]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=keep-porting]").Click();
        Assert.Empty(cut.FindAll("[data-testid=porting-confirmation]"));
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal(PortingState.Approved, (await db.PortingRequests.AsNoTracking().SingleAsync(Ct)).State);
        }

        PortingRow(cut, "+16045550155").QuerySelector("[data-testid=porting-cancel]")!.Click();
        cut.Find("[data-testid=confirm-porting-move]").Click();

        cut.WaitForAssertion(() => Assert.Equal("cancelled", PortingRow(cut, "+16045550155").QuerySelector("[data-testid=porting-state]")!.TextContent.Trim()));
        Assert.Null(PortingRow(cut, "+16045550155").QuerySelector("button"));
        await using var check = Database.CreateDbContext();
        Assert.Equal(PortingState.Cancelled, (await check.PortingRequests.AsNoTracking().SingleAsync(Ct)).State);
        var audit = await check.AdminAuditEntries.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("porting-move", audit.Action);
        Assert.Contains("Approved -> Cancelled", audit.Detail, StringComparison.Ordinal);
    }

    private static IElement PortingRow(IRenderedComponent<NumbersPage> cut, string e164) =>
        cut.FindAll("[data-testid=porting-table] tbody tr").Single(r => r.TextContent.Contains(e164, StringComparison.Ordinal));

    [Fact]
    public async Task In_french_states_and_the_next_step_read_in_french_with_the_state_code_kept()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        await SeedAsync("+16045550166", PortingState.Submitted);
        await using (var db = Database.CreateDbContext())
        {
            db.PhoneNumbers.Add(new PhoneNumber { Sid = "PN0123456789abcdef0123456789abcdef", E164 = "+16045550111", ConfigurationStatus = "stale", Status = "released", CreatedAt = Now });
            await db.SaveChangesAsync(Ct);
        }

        var cut = Render<NumbersPage>();
        cut.WaitForElement("[data-testid=porting-table]");

        var row = PortingRow(cut, "+16045550166");
        var state = row.QuerySelector("[data-testid=porting-state]")!;
        Assert.Equal(("soumise", "submitted"), (state.TextContent.Trim(), state.GetAttribute("data-code")));
        Assert.Equal("Passer à l'état « en examen »", row.QuerySelector("[data-testid=porting-advance]")!.TextContent.Trim());
        Assert.Equal("libéré", cut.Find("[data-testid=number-status]").TextContent);
        Assert.Equal("stale", cut.Find("[data-testid=configuration-status]").TextContent.Trim()); // a configuration state it does not know

        row.QuerySelector("[data-testid=porting-advance]")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("en examen", PortingRow(cut, "+16045550166").QuerySelector("[data-testid=porting-state]")!.TextContent.Trim()));
    }

    private async Task SeedAsync(string e164, PortingState state)
    {
        await using var db = Database.CreateDbContext();
        db.PortingRequests.Add(new PortingRequest
        {
            Id = Guid.CreateVersion7(Now), E164 = e164, LosingCarrier = "Old Telco", State = state, CreatedAt = Now, UpdatedAt = Now,
        });
        await db.SaveChangesAsync(Ct);
    }
}
