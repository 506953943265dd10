using System.Globalization;
using Bunit;
using Microsoft.Extensions.Hosting;
using Telephony.Tests.Metrics;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Reports;

namespace Telephony.Tests.Components;

/// <summary>
/// The service-level tiles of the Overview and Reports pages with <c>Metrics:ServiceLevelSeconds</c> unset (15 s) and
/// at 8 s: a transfer answered 10 s into the ring is in time at 15 s, late at 8 s, and the caption names the threshold.
/// </summary>
public abstract class ServiceLevelPageTests : ConsoleBunitContext
{
    // Tuesday 24 November 2026, 11:00 in Toronto.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    private readonly int seconds;
    private readonly string overviewValue;
    private readonly string reportValue;

    protected ServiceLevelPageTests(string? setting, int seconds, string overviewValue, string reportValue)
        : base(Now)
    {
        if (setting is not null)
        {
            Settings["Metrics:ServiceLevelSeconds"] = setting;
        }

        this.seconds = seconds;
        this.overviewValue = overviewValue;
        this.reportValue = reportValue;
    }

    protected override void AddAppServices(IHostApplicationBuilder app) => app.AddReportServices();

    [Fact]
    public async Task The_overview_tile_counts_with_the_configured_threshold_and_names_it()
    {
        await SeedAsync();
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("100 %", cut.Find("[data-testid=tile-answer-rate-value]").TextContent.Trim()));
        Assert.Equal(overviewValue, cut.Find("[data-testid=tile-service-level-value]").TextContent.Trim());
        Assert.Contains($"answered within {seconds} s", cut.Find("[data-testid=tile-service-level]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_tile_counts_with_the_configured_threshold_and_names_it()
    {
        await SeedAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-CA");
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=report-offered-value]").TextContent.Trim()));
        Assert.Equal(reportValue, cut.Find("[data-testid=report-service-level-value]").TextContent.Trim());
        Assert.Contains($"answered within {seconds} s", cut.Find("[data-testid=report-service-level]").TextContent, StringComparison.Ordinal);
    }

    private Task SeedAsync() =>
        MetricsSeed.AddAsync(Database, CallBuilder.At(Now.AddMinutes(-20)).Transfer(30).Answered(ringSeconds: 10, talkSeconds: 60).Build());
}

public sealed class DefaultServiceLevelPageTests() : ServiceLevelPageTests(null, 15, "100 %", "100.0%");

public sealed class EightSecondServiceLevelPageTests() : ServiceLevelPageTests("8", 8, "0 %", "0.0%");
