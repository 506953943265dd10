using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Telephony.Core.Reports;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics;
using Telephony.Data.Metrics.Reports;
using Telephony.Web.Components.Common;
using Telephony.Web.Exports;
using Telephony.Web.Reports;

namespace Telephony.Web.Components.Pages;

/// <summary>
/// Call-handling history beyond the Overview's 24 hours: a day (in hours), a week, a month or custom dates (in days), in the
/// hotline's zone, from the address (<c>/reports?range=week&amp;from=2026-11-30</c>) so a link shows the same report.
/// </summary>
public partial class ReportsPage
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Call, ChangeKinds.Voicemail, ChangeKinds.Consent };

    private static readonly ReportPeriod[] Periods = [ReportPeriod.Day, ReportPeriod.Week, ReportPeriod.Month];

    private Report? report;
    private IReadOnlyList<ReportRangeError> rangeErrors = [];
    private List<ChartSeries<double>> volumeSeries = [];
    private List<ChartSeries<double>> rateSeries = [];
    private string[] chartLabels = [];
    private string? loadedQuery;
    private string? customFrom;
    private string? customTo;

    [Inject]
    private ReportQuery Reports { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    [Inject]
    private IOptions<ConsoleOptions> Options { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private CallMetricsOptions Thresholds { get; set; } = null!;

    /// <summary><c>day</c> (the default), <c>week</c>, <c>month</c> or <c>custom</c>.</summary>
    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeName { get; set; }

    /// <summary>The first day (<c>2026-11-30</c>); the day, week or month holding it, or a custom range's start.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>A custom range's last day, included.</summary>
    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary>The range shown: the address's, or today when the address is wrong.</summary>
    internal ReportRange Range { get; private set; } = ReportRange.Of(ReportPeriod.Day, DateOnly.MinValue);

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private DateOnly Today => DateOnly.FromDateTime(Clock.Local(Clock.Now).DateTime);

    private string Query => $"{RangeName}|{From}|{To}";

    private string ExportHref => ExportsApi.ReportsPath.TrimStart('/') + "?" + Range.Query();

    private string RangeLabel => Range.Period switch
    {
        ReportPeriod.Day => Range.First.ToString("D", Culture),
        ReportPeriod.Month => Range.First.ToString("Y", Culture),
        _ => Range.First.ToString("d", Culture) + " – " + Range.Last.ToString("d", Culture),
    };

    private string ZoneLabels => report is null
        ? Clock.Label(Clock.Now)
        : string.Join("/", report.Buckets.Select(b => Clock.Label(b.From)).Distinct(StringComparer.Ordinal));

    private string PeriodHeader => (Range.Hourly ? L["Hour"] : L["Day"]) + " (" + ZoneLabels + ")";

    private Dictionary<string, object> TableLabel => new(StringComparer.Ordinal) { ["aria-label"] = L["TableAlt"].Value };

    private string ZoneNote => Range.Hourly ? L["ZoneNoteHours", Clock.ZoneId, ZoneLabels] : L["ZoneNoteDays", Clock.ZoneId, ZoneLabels];

    private string RangeErrorText => L["RangeError"] + " " + string.Join(" ", rangeErrors.Select(RangeProblemText));

    // Literal keys, one per problem, so that the resource test and a translator see every one.
    private string RangeProblemText(ReportRangeError error) => error.Problem switch
    {
        ReportRangeProblem.UnknownRange => L["RangeProblemUnknownRange", error.Parameter],
        ReportRangeProblem.NotADate => L["RangeProblemNotADate", error.Parameter],
        ReportRangeProblem.CustomNeedsBothDates => L["RangeProblemCustomNeedsBothDates", error.Parameter],
        ReportRangeProblem.EndsBeforeItStarts => L["RangeProblemEndsBeforeItStarts", error.Parameter],
        ReportRangeProblem.TooLong => L["RangeProblemTooLong", error.Parameter],
        _ => error.Parameter,
    };

    protected override async Task OnParametersSetAsync()
    {
        // Another range picked on the page (same component, new address): read it.
        if (loadedQuery is not null && loadedQuery != Query)
        {
            await RefreshAsync();
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        loadedQuery = Query;
        Range = ReportRange.Parse(RangeName, From, To, Today, out var errors) ?? ReportRange.Of(ReportPeriod.Day, Today);
        rangeErrors = errors;
        customFrom = ReportRange.Format(Range.First);
        customTo = ReportRange.Format(Range.Last);
        report = await Reports.RunAsync(Range, Clock.Zone, ReportServices.CallbackSla(Options, Clock), cancellationToken: cancellationToken);
        chartLabels = report.Buckets.Select((b, i) => LabelEvery(report.Buckets.Count, i) ? ChartLabel(b) : "").ToArray();
        volumeSeries =
        [
            Series(L["Answered"], report.Buckets.Select(b => (double?)b.Calls.TransfersAnswered)),
            Series(L["Voicemail"], report.Buckets.Select(b => (double?)b.Calls.Voicemails)),
            Series(L["Abandoned"], report.Buckets.Select(b => (double?)b.AbandonedWithMenu)),
        ];
        rateSeries =
        [
            Series(L["AnswerRate"], report.Buckets.Select(b => b.Calls.AnswerRate * 100)),
            Series(L["ServiceLevel"], report.Buckets.Select(b => b.Calls.ServiceLevel * 100)),
            Series(L["Abandonment"], report.Buckets.Select(b => b.Calls.AbandonmentRate * 100)),
        ];
    }

    private void ApplyCustom()
    {
        var query = "range=" + ReportRange.Name(ReportPeriod.Custom)
            + "&from=" + Uri.EscapeDataString(customFrom ?? "")
            + "&to=" + Uri.EscapeDataString(customTo ?? "");
        Navigation.NavigateTo("reports?" + query);
    }

    private static string Href(ReportRange range) => "reports?" + range.Query();

    private static bool LabelEvery(int count, int index) => count <= 12 || index % (count <= 25 ? 3 : 5) == 0;

    private static ChartSeries<double> Series(string name, IEnumerable<double?> values) =>
        new() { Name = name, Data = new ChartData<double>(values.ToArray()) };

    private string ChartLabel(ReportFigures bucket) => Range.Hourly
        ? Clock.Local(bucket.From).ToString("t", Culture)
        : Clock.Local(bucket.From).ToString("M", Culture);

    private string BucketLabel(ReportFigures bucket) => Range.Hourly
        ? Clock.Local(bucket.From).ToString("t", Culture) + " " + Clock.Label(bucket.From)
        : Clock.Local(bucket.From).ToString("ddd", Culture) + " " + DateOnly.FromDateTime(Clock.Local(bucket.From).DateTime).ToString("d", Culture);

    private static string Count(int count) => count.ToString("N0", Culture);

    private static string Percent(double? fraction) => fraction is { } f ? f.ToString("P1", Culture) : MetricFormat.Missing;

    private static string Seconds(double? seconds) => seconds switch
    {
        null => MetricFormat.Missing,
        < 60 => Math.Round(seconds.Value, MidpointRounding.AwayFromZero).ToString("N0", Culture) + " s",
        _ => ((int)(seconds.Value / 60)).ToString("N0", Culture) + " min " + ((int)(seconds.Value % 60)).ToString("N0", Culture) + " s",
    };
}
