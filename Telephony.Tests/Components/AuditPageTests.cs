using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Telephony.Data.Audit;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Privacy;

namespace Telephony.Tests.Components;

/// <summary>The audit log page as an admin uses it: newest first, filter by user, page through, new entries appear live.</summary>
public sealed class AuditPageTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddOptions<RetentionOptions>();
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
    }

    [Fact]
    public async Task Entries_show_newest_first_with_who_what_and_target_and_a_user_filter_narrows_them()
    {
        await AddAsync("alice@test.local", "consent-export", "all callers", Now.AddHours(-3));
        await AddAsync("bob@test.local", "recording-delete", "RE123", Now.AddHours(-2));
        await AddAsync("alice@test.local", "user-create", "carol@test.local", Now.AddHours(-1));

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Equal(
            ["User created", "Recording deleted", "Consent ledger exported"], cut.FindAll("[data-testid=audit-row-action]").Select(c => c.TextContent).ToList()));
        Assert.Equal(["alice@test.local", "bob@test.local", "alice@test.local"], cut.FindAll("[data-testid=audit-who]").Select(c => c.TextContent).ToList());
        Assert.Contains("carol@test.local", cut.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2555 days", cut.Markup, StringComparison.Ordinal);

        cut.Find("input[data-testid=audit-user]").Input("ALICE");
        cut.WaitForAssertion(
            () =>
            {
                Time.Advance(TimeSpan.FromSeconds(1));
                Assert.Equal(["User created", "Consent ledger exported"], cut.FindAll("[data-testid=audit-row-action]").Select(c => c.TextContent).ToList());
            },
            TimeSpan.FromSeconds(5));
        Assert.Equal("audit/log.csv?user=ALICE", cut.Find("a[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task Sixty_entries_page_by_fifty_and_a_new_entry_appears_live()
    {
        for (var i = 0; i < 60; i++)
        {
            await AddAsync("bulk@test.local", "provisioning-retry", $"T{i:00}", Now.AddMinutes(-60 + i));
        }

        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Equal("1–50 of 60", cut.Find("[data-testid=audit-range]").TextContent));
        Assert.Contains("T59", cut.FindAll("tbody tr")[0].TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=audit-older]").Click();
        cut.WaitForAssertion(() => Assert.Equal("51–60 of 60", cut.Find("[data-testid=audit-range]").TextContent));
        Assert.Contains("T09", cut.FindAll("tbody tr")[0].TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=audit-newer]").Click();
        cut.WaitForAssertion(() => Assert.Equal("1–50 of 60", cut.Find("[data-testid=audit-range]").TextContent));

        await Services.GetRequiredService<AdminAuditLog>().RecordAsync("u", "live@test.local", "caller-erase", "+1514***0101", "1 calls anonymised", Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal("Caller's data erased", cut.FindAll("[data-testid=audit-row-action]")[0].TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("1–50 of 61", cut.Find("[data-testid=audit-range]").TextContent);
    }

    [Theory]
    [InlineData("fr-CA", "Libération d'un numéro lancée", "Rôle d'un utilisateur modifié")]
    [InlineData("en", "Number release started", "User's role changed")]
    public async Task Actions_read_in_the_readers_language_keep_their_code_and_an_unknown_one_reads_as_its_code(string culture, string release, string roleChange)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        await AddAsync("alice@test.local", "provisioning-release", "PN123", Now.AddHours(-3));
        await AddAsync("alice@test.local", "user-role-change", "carol@test.local", Now.AddHours(-2));
        await AddAsync("bob@test.local", "tenant-merge", "T1", Now.AddHours(-1));

        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<AuditPage>(1);
            b.CloseComponent();
        });

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=audit-row-action]").Count));
        var cells = cut.FindAll("[data-testid=audit-row-action]");
        Assert.Equal(["tenant-merge", roleChange, release], cells.Select(c => c.TextContent).ToList());
        Assert.Equal(["tenant-merge", "user-role-change", "provisioning-release"], cells.Select(c => c.GetAttribute("title")).ToList());

        // The filter lists the names, sorted as the reader reads them; choosing one filters (and exports) by its code.
        cut.Find("div.mud-select .mud-input-control").MouseDown(); // the action filter is the page's only select
        var options = cut.WaitForElements("[data-testid=audit-action-option]");
        var expected = new[] { release, roleChange, "tenant-merge" }.Order(StringComparer.Create(CultureInfo.GetCultureInfo(culture), ignoreCase: true)).ToList();
        Assert.Equal(expected, options.Select(o => o.TextContent).ToList());
        options.Single(o => o.TextContent == release).Click();

        cut.WaitForAssertion(() => Assert.Equal([release], cut.FindAll("[data-testid=audit-row-action]").Select(c => c.TextContent).ToList()));
        Assert.Equal("audit/log.csv?action=provisioning-release", cut.Find("a[data-testid=audit-export]").GetAttribute("href"));
        Assert.Equal(release, cut.Find("input[data-testid=audit-action]").GetAttribute("value"));
    }

    private async Task AddAsync(string email, string action, string target, DateTimeOffset at)
    {
        await using var db = Database.CreateDbContext();
        db.AdminAuditEntries.Add(AdminAuditLog.Entry("id-" + email, email, action, target, null, at));
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
