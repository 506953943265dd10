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

    [Inject]
    private MonitoringQueries Queries { get; set; } = null!;

    [Inject]
    private ConsentLedger Ledger { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private TimeZoneInfo Zone => Clock.Zone;

    private string ExportHref => "consent/ledger.csv" + (string.IsNullOrWhiteSpace(callerSearch) ? "" : "?caller=" + Uri.EscapeDataString(callerSearch.Trim()));

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        metrics = await Queries.GetConsentAsync(now.AddDays(-30), now, Zone, cancellationToken);
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
