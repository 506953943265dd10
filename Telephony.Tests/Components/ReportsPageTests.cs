using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telephony.Core.Consent;
using Telephony.Data.Consent;
using Telephony.Tests.Metrics;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Reports;

namespace Telephony.Tests.Components;

/// <summary>The Reports page as Support and admins see it: the figures of the range in the address, in the reader's culture.</summary>
public sealed class ReportsPageTests() : ConsoleBunitContext(Now)
{
    // Wednesday 25 November 2026, 10:37 in Toronto.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 37, 0, TimeSpan.Zero);
    private static readonly CultureInfo English = new("en-CA");
    private static readonly CultureInfo French = new("fr-CA");

    private static readonly string[] RateCells =
        ["report-cell-answer-rate", "report-cell-service-level", "report-cell-abandonment", "report-cell-asa", "report-cell-talk-time", "report-cell-callback-sla", "report-cell-consent"];

    private static readonly string[] CountCells = ["report-cell-offered", "report-cell-answered", "report-cell-voicemail", "report-cell-abandoned"];

    private static readonly string[] RateTiles =
        ["report-answer-rate", "report-service-level", "report-abandonment", "report-asa", "report-talk-time", "report-callback-sla", "report-consent"];

    protected override void AddAppServices(IHostApplicationBuilder app) => app.AddReportServices();

    [Fact]
    public void An_empty_day_shows_a_dash_for_every_rate_and_average_and_zero_for_every_count()
    {
        UseCulture(English);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal("0", Value(cut, "report-offered")));
        Assert.All(RateTiles, tile => Assert.Equal("—", Value(cut, tile)));
        var rows = cut.FindAll("[data-testid=reports-table] tbody tr");
        Assert.Equal(24, rows.Count); // today, hour by hour
        foreach (var row in rows)
        {
            Assert.All(RateCells, cell => Assert.Equal("—", Cell(row, cell)));
            Assert.All(CountCells, cell => Assert.Equal("0", Cell(row, cell)));
        }

        Assert.Equal("0", cut.Find("[data-testid=report-total-offered]").TextContent.Trim());
        Assert.Contains("America/Toronto (EST)", cut.Find("[data-testid=reports-zone]").TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Unspecified).ToString("t", English) + " EST", Cell(rows[0], "report-period"));
        Assert.Equal("reports/export.csv?range=day&from=2026-11-25", cut.Find("[data-testid=reports-export]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=reports-volume-chart] [role=img][aria-label]"));
    }

    [Fact]
    public async Task The_figures_shown_are_those_of_the_calls_and_voicemails_of_each_day()
    {
        await SeedAsync();
        UseCulture(English);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports?range=custom&from=2026-11-23&to=2026-11-24");

        var cut = Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal("4", Value(cut, "report-offered")));
        var rows = cut.FindAll("[data-testid=reports-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("Mon", Cell(rows[0], "report-period"), StringComparison.Ordinal);
        Assert.Equal(["3", "2", "1", "0"], CountCells.Select(c => Cell(rows[0], c)));
        Assert.Equal(["66.7%", "33.3%", "0.0%", "13 s", "2 min 30 s", "—", "50.0%"], RateCells.Select(c => Cell(rows[0], c)));
        Assert.Equal(["1", "0", "0", "1"], CountCells.Select(c => Cell(rows[1], c))); // the call at 00:10 local on Tuesday, abandoned
        Assert.Equal(["0.0%", "0.0%", "100.0%", "—", "—", "100.0%", "—"], RateCells.Select(c => Cell(rows[1], c)));
        Assert.Equal("50.0%", Value(cut, "report-answer-rate"));
        Assert.Equal("100.0%", Value(cut, "report-callback-sla"));
        Assert.Contains("1 of 1 voicemails", cut.Find("[data-testid=report-callback-sla]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_range_buttons_and_custom_dates_change_the_address_and_the_report_read()
    {
        await SeedAsync();
        UseCulture(English);
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var cut = Render<ReportsPage>();
        cut.WaitForAssertion(() => Assert.Equal(24, cut.FindAll("[data-testid=reports-table] tbody tr").Count));
        Assert.Equal("1", Value(cut, "report-offered")); // today: the call at 10:00
        Assert.Equal(
            ["reports?range=day&from=2026-11-25", "reports?range=week&from=2026-11-23", "reports?range=month&from=2026-11-01"],
            cut.FindAll("[data-testid=reports-range] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("reports?range=day&from=2026-11-24", cut.Find("[data-testid=reports-previous]").GetAttribute("href"));

        navigation.NavigateTo("reports?range=week&from=2026-11-23");
        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll("[data-testid=reports-table] tbody tr").Count));
        Assert.Equal("5", Value(cut, "report-offered"));
        Assert.Equal("reports/export.csv?range=week&from=2026-11-23", cut.Find("[data-testid=reports-export]").GetAttribute("href"));
        Assert.Equal("reports?range=week&from=2026-11-30", cut.Find("[data-testid=reports-next]").GetAttribute("href"));

        Input(cut, "reports-from").Change("2026-11-24");
        Input(cut, "reports-to").Change("2026-11-24");
        cut.Find("[data-testid=reports-apply]").Click();

        Assert.EndsWith("reports?range=custom&from=2026-11-24&to=2026-11-24", navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(24, cut.FindAll("[data-testid=reports-table] tbody tr").Count));
        Assert.Equal("1", Value(cut, "report-offered"));
    }

    [Fact]
    public void A_bad_address_says_so_and_shows_today()
    {
        UseCulture(English);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports?range=custom&from=2026-11-24&to=2026-11-01");

        var cut = Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Contains("The end (“to”) is before the start.", cut.Find("[data-testid=reports-range-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(24, cut.FindAll("[data-testid=reports-table] tbody tr").Count);
    }

    [Fact]
    public async Task In_French_the_page_reads_in_French_with_French_numbers()
    {
        await SeedAsync();
        UseCulture(French);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports?range=custom&from=2026-11-23&to=2026-11-24");

        var cut = Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal("4", Value(cut, "report-offered")));
        Assert.Equal("Rapports", cut.Find("h1").TextContent.Trim());
        Assert.Equal("Exporter en CSV", cut.Find("[data-testid=reports-export]").TextContent.Trim());
        Assert.Equal((2.0 / 3).ToString("P1", French), Cell(cut.FindAll("[data-testid=reports-table] tbody tr")[0], "report-cell-answer-rate"));
        Assert.StartsWith("66,7", Cell(cut.FindAll("[data-testid=reports-table] tbody tr")[0], "report-cell-answer-rate"), StringComparison.Ordinal);
        Assert.Contains("Taux de réponse", cut.Markup, StringComparison.Ordinal);
    }

    /// <summary>
    /// Monday 23 (Toronto): answered after 5 s (talk 100 s), answered after 20 s (talk 200 s), a voicemail at 23:30 local
    /// with consent heard on two calls; Tuesday 00:10 local: a transfer abandoned after 30 s, its voicemail called back on
    /// time. Tuesday 10:00 local: one more call, in the menu.
    /// </summary>
    private async Task SeedAsync()
    {
        var a = CallBuilder.At(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero)).Transfer(10).Answered(5, 100).Consent(ConsentState.Granted).Build();
        var b = CallBuilder.At(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)).Transfer(10).Answered(20, 200).Consent(ConsentState.Withdrawn).Build();
        var c = CallBuilder.At(new DateTimeOffset(2026, 11, 24, 4, 30, 0, TimeSpan.Zero)).Transfer(10).Voicemail().Build();
        var e = CallBuilder.At(new DateTimeOffset(2026, 11, 24, 5, 10, 0, TimeSpan.Zero)).Transfer(10).Ended(40).Build();
        var f = CallBuilder.At(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)).Ended(30).Build();
        var voicemail = MetricsSeed.Voicemail(e.CallSid, new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero), Telephony.Data.Voicemail.VoicemailState.CalledBack);
        voicemail.CalledBackAt = voicemail.CreatedAt.AddHours(1);
        await using var db = Database.CreateDbContext();
        db.AddRange(a, b, c, e, f, voicemail,
            MetricsSeed.Consent(a.CallSid, ConsentDecision.Granted, a.CreatedAt.AddSeconds(5)),
            MetricsSeed.Consent(b.CallSid, ConsentDecision.Withdrawn, b.CreatedAt.AddSeconds(5)));
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private static void UseCulture(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    private static string Value(IRenderedComponent<ReportsPage> cut, string tile) => cut.Find($"[data-testid={tile}-value]").TextContent.Trim();

    private static string Cell(IElement row, string cell) => row.QuerySelector($"[data-testid={cell}]")!.TextContent.Trim();

    private static IElement Input(IRenderedComponent<ReportsPage> cut, string testId)
    {
        var element = cut.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }
}
