using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telephony.Core.Alerts;
using Telephony.Core.Simulator;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics;
using Telephony.Web.Components.Common;
using Telephony.Web.Settings;
using Telephony.Web.Simulator;

namespace Telephony.Web.Components.Pages;

public partial class Overview
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string>
    {
        ChangeKinds.Call, ChangeKinds.Voicemail, ChangeKinds.Consent, ChangeKinds.Error, ChangeKinds.Violation, ChangeKinds.Transaction, ChangeKinds.Alert,
    };

    private OverviewSnapshot? snapshot;
    private CallSuccessMetrics? today;
    private ConsentCounts? consent;
    private List<ChartSeries<double>> volumeSeries = [];
    private string[] volumeLabels = [];
    private string testKey = "2";
    private bool testAnswered;
    private bool placing;
    private string? testCallMessage;

    [Inject]
    private SharedOverview Figures { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    [Inject]
    private SimulatorService Simulator { get; set; } = null!;

    [Inject]
    private CallMetricsOptions Thresholds { get; set; } = null!;

    private TileThresholds Tiles => TileLimits;

    private TimeZoneInfo Zone => Clock.Zone;

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        // One read of the calls for the snapshot, today (since midnight in the zone) and consent over 24 h, shared with the
        // other screens redrawing for the same change.
        var page = await Figures.GetAsync(ChangedThrough, cancellationToken);
        snapshot = page.Snapshot;
        today = page.Today;
        consent = page.Consent24Hours;
        volumeLabels = snapshot.Volume.Select((v, i) => i % 3 == 0 ? TimeZoneInfo.ConvertTime(v.HourStart, Zone).ToString("HH:mm", CultureInfo.InvariantCulture) : "").ToArray();
        volumeSeries =
        [
            Series(L["Answered"], snapshot.Volume.Select(v => (double)v.Answered)),
            Series(L["Voicemail"], snapshot.Volume.Select(v => (double)v.Voicemail)),
            Series(L["Abandoned"], snapshot.Volume.Select(v => (double)v.Abandoned)),
            Series(L["Other"], snapshot.Volume.Select(v => (double)Math.Max(0, v.Offered - v.Answered - v.Voicemail - v.Abandoned))),
        ];
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = new ChartData<double>(values.ToArray()) };

    private void PlaceTestCall()
    {
        placing = true;
        testCallMessage = L["Calling…"];
        var script = new CallerScript("+15005550006", "+15005550001") { Keys = [testKey], AgentAnswers = testAnswered, VoicemailTranscript = "This is a test call from the console." };
        // The call takes a few seconds of simulated webhooks; the page redraws from the change feed as it goes.
        _ = Task.Run(async () =>
        {
            string message;
            try
            {
                var call = await Simulator.PlaceCallAsync(script, Stopping);
                message = L["Test call {0}… finished: {1}.", call.CallSid[..8], call.Outcome];
            }
#pragma warning disable CA1031 // Reported to the person who clicked, not thrown into the circuit.
            catch (Exception e)
#pragma warning restore CA1031
            {
                message = L["The test call failed: {0}", e.Message];
            }

            await InvokeAsync(() =>
            {
                placing = false;
                testCallMessage = message;
                StateHasChanged();
            });
        });
    }
}
