using Microsoft.AspNetCore.Components;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Consent;
using Telephony.Data.Metrics;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Components.Pages;

public partial class ConsentPage
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Consent, ChangeKinds.Call };

    private ConsentMetrics? metrics;
    private IReadOnlyList<ConsentRecord> ledger = [];
    private string callerSearch = "";
    private int? loadedDays;

    [Inject]
    private MonitoringQueries Queries { get; set; } = null!;

    [Inject]
    private ConsentLedger Ledger { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    /// <summary>The window in days, from the address (<c>/consent?days=90</c>): 7, 30 (the default) or 90.</summary>
    [SupplyParameterFromQuery(Name = "days")]
    public int? Days { get; set; }

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private static int[] Windows => [7, 30, 90];

    private int WindowDays => Days is { } days && Windows.Contains(days) ? days : 30;

    private TimeZoneInfo Zone => Clock.Zone;

    private string ExportHref => "consent/ledger.csv" + (string.IsNullOrWhiteSpace(callerSearch) ? "" : "?caller=" + Uri.EscapeDataString(callerSearch.Trim()));

    protected override async Task OnParametersSetAsync()
    {
        // Another window picked on the page (same component, new address): read it.
        if (loadedDays is { } loaded && loaded != WindowDays)
        {
            await RefreshAsync();
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        loadedDays = WindowDays;
        metrics = await Queries.GetConsentAsync(now.AddDays(-WindowDays), now, Zone, cancellationToken);
        if (IsAdmin)
        {
            ledger = await Ledger.SearchAsync(callerSearch, cancellationToken, max: 200);
        }
    }

    private async Task SearchLedgerAsync(string value)
    {
        callerSearch = value;
        await RefreshAsync();
    }
}
