using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telephony.Core.Alerts;
using Telephony.Web.Provisioning;
using Telephony.Web.Settings;

namespace Telephony.Web.Components.Pages;

/// <summary>
/// Admins change the alert rules' limits and the dashboard tiles' amber and red limits. Every value is checked (its range,
/// and amber less severe than red) before anything is saved; a save audits each change and reaches every instance's
/// alert evaluator and open consoles through the change feed. When another admin saves, an open page shows the new values
/// in the fields this admin has not touched, keeps what they typed in the others, and says so.
/// </summary>
public partial class SettingsPage : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Dictionary<string, double?>? display;
    private Dictionary<string, double?> loaded = [];
    private Dictionary<string, string> errors = [];
    private IReadOnlyDictionary<string, double> stored = new Dictionary<string, double>();
    private string? outcome;
    private Severity outcomeSeverity;
    private bool loadFailed;
    private bool busy;

    [Inject]
    private LiveThresholds Thresholds { get; set; } = null!;

    [Inject]
    private ThresholdEditing Editing { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        Thresholds.Changed += OnThresholdsChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var snapshot = await Thresholds.ReloadAsync(stop.Token);
        loadFailed = Thresholds.LastLoadFailed;
        Apply(snapshot, keepEdits: false);
    }

    /// <summary>Shows <paramref name="snapshot"/>; with <paramref name="keepEdits"/>, a field the admin changed keeps their value.</summary>
    /// <returns>True when a value shown changed.</returns>
    private bool Apply(ThresholdSnapshot snapshot, bool keepEdits)
    {
        var fresh = ThresholdCatalogue.All.ToDictionary(s => s.Key, s => (double?)s.ToDisplay(snapshot.Values[s.Key]));
        var changed = fresh.Any(f => !loaded.TryGetValue(f.Key, out var before) || before != f.Value);
        var edited = keepEdits && display is not null
            ? display.Where(d => loaded.TryGetValue(d.Key, out var before) && before != d.Value).ToDictionary()
            : [];
        stored = snapshot.Stored;
        loaded = fresh;
        display = new Dictionary<string, double?>(fresh);
        foreach (var (key, value) in edited)
        {
            display[key] = value;
        }

        return changed;
    }

    // A save on any instance (this page's own included) reaches here through the change feed.
    private void OnThresholdsChanged() => _ = InvokeAsync(() =>
    {
        if (busy || display is null || !Apply(Thresholds.Current, keepEdits: true))
        {
            return;
        }

        Show(L["ChangedElsewhere"], Severity.Info);
        StateHasChanged();
    });

    private async Task SaveAsync()
    {
        if (display is null || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var values = new Dictionary<string, double>();
            foreach (var setting in ThresholdCatalogue.All)
            {
                if (display[setting.Key] is { } shown)
                {
                    values[setting.Key] = setting.FromDisplay(shown);
                }
            }

            var result = await Editing.SaveAsync(values, await ActorAsync(), stop.Token);
            if (result.Problems.Count > 0)
            {
                errors = result.Problems.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => Message(g.First(), values));
                Show(L["NothingSaved", errors.Count], Severity.Error);
                return;
            }

            errors = [];
            if (result.Conflict)
            {
                Show(L["Conflict"], Severity.Error);
            }
            else
            {
                Show(result.Changes.Count == 0 ? L["NoChanges"] : L["Saved", result.Changes.Count], Severity.Success);
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ResetAsync(ThresholdGroup group)
    {
        if (busy)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Editing.ResetAsync(group, await ActorAsync(), stop.Token);
            errors = errors.Where(e => ThresholdCatalogue.Find(e.Key)?.Group != group).ToDictionary();
            Show(result.Conflict ? L["Conflict"] : L["ResetDone", result.Changes.Count], result.Conflict ? Severity.Error : Severity.Success);
            var kept = display;
            await LoadAsync();

            // The other group keeps what the admin typed and has not saved yet.
            foreach (var setting in ThresholdCatalogue.All.Where(s => s.Group != group))
            {
                display![setting.Key] = kept![setting.Key];
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(string message, Severity severity)
    {
        outcome = message;
        outcomeSeverity = severity;
    }

    private async Task<AdminActor> ActorAsync() => AdminActor.From((await Auth.GetAuthenticationStateAsync()).User);

    private static ThresholdSetting TileSetting(string name) => ThresholdCatalogue.Tiles.First(s => s.Name == name);

    private static string TestId(ThresholdSetting setting) => "setting-" + setting.Key.Replace(':', '-');

    // Literal keys, one per setting, so that the resource test and a translator see every one.
    private string Label(ThresholdSetting setting) => setting.Key switch
    {
        "Alerts:MinCallSuccessRate" => L["Setting.Alerts.MinCallSuccessRate"],
        "Alerts:CallWindowMinutes" => L["Setting.Alerts.CallWindowMinutes"],
        "Alerts:MinCallsForSuccessRate" => L["Setting.Alerts.MinCallsForSuccessRate"],
        "Alerts:MaxWebhookErrorsPerMinute" => L["Setting.Alerts.MaxWebhookErrorsPerMinute"],
        "Alerts:DatabaseFailureWindowMinutes" => L["Setting.Alerts.DatabaseFailureWindowMinutes"],
        "Alerts:MaxVoicemailBacklog" => L["Setting.Alerts.MaxVoicemailBacklog"],
        "Alerts:MaxRateLimitViolationsPerHour" => L["Setting.Alerts.MaxRateLimitViolationsPerHour"],
        "Alerts:MaxSignatureFailuresPerMinute" => L["Setting.Alerts.MaxSignatureFailuresPerMinute"],
        "Alerts:MaxFailedTransactionsPerHour" => L["Setting.Alerts.MaxFailedTransactionsPerHour"],
        "Alerts:MaxAverageCallDurationMinutes" => L["Setting.Alerts.MaxAverageCallDurationMinutes"],
        "Console:Tiles:CallSuccessAmberBelow" => L["Setting.Console.Tiles.CallSuccessAmberBelow"],
        "Console:Tiles:CallSuccessRedBelow" => L["Setting.Console.Tiles.CallSuccessRedBelow"],
        "Console:Tiles:AnswerRateAmberBelow" => L["Setting.Console.Tiles.AnswerRateAmberBelow"],
        "Console:Tiles:AnswerRateRedBelow" => L["Setting.Console.Tiles.AnswerRateRedBelow"],
        "Console:Tiles:ServiceLevelAmberBelow" => L["Setting.Console.Tiles.ServiceLevelAmberBelow"],
        "Console:Tiles:ServiceLevelRedBelow" => L["Setting.Console.Tiles.ServiceLevelRedBelow"],
        "Console:Tiles:AbandonmentAmberAbove" => L["Setting.Console.Tiles.AbandonmentAmberAbove"],
        "Console:Tiles:AbandonmentRedAbove" => L["Setting.Console.Tiles.AbandonmentRedAbove"],
        "Console:Tiles:AverageSpeedOfAnswerAmberAboveSeconds" => L["Setting.Console.Tiles.AverageSpeedOfAnswerAmberAboveSeconds"],
        "Console:Tiles:AverageSpeedOfAnswerRedAboveSeconds" => L["Setting.Console.Tiles.AverageSpeedOfAnswerRedAboveSeconds"],
        "Console:Tiles:VoicemailBacklogAmberAbove" => L["Setting.Console.Tiles.VoicemailBacklogAmberAbove"],
        "Console:Tiles:VoicemailBacklogRedAbove" => L["Setting.Console.Tiles.VoicemailBacklogRedAbove"],
        "Console:Tiles:OldestVoicemailAmberAboveHours" => L["Setting.Console.Tiles.OldestVoicemailAmberAboveHours"],
        "Console:Tiles:OldestVoicemailRedAboveHours" => L["Setting.Console.Tiles.OldestVoicemailRedAboveHours"],
        "Console:Tiles:ErrorsPerHourAmberAbove" => L["Setting.Console.Tiles.ErrorsPerHourAmberAbove"],
        "Console:Tiles:ErrorsPerHourRedAbove" => L["Setting.Console.Tiles.ErrorsPerHourRedAbove"],
        "Console:Tiles:FailedTransactionsAmberAbove" => L["Setting.Console.Tiles.FailedTransactionsAmberAbove"],
        "Console:Tiles:FailedTransactionsRedAbove" => L["Setting.Console.Tiles.FailedTransactionsRedAbove"],
        _ => setting.Key,
    };

    private string TileTitle(string amberSetting) => amberSetting switch
    {
        "CallSuccessAmberBelow" => L["Tile.CallSuccessAmberBelow"],
        "AnswerRateAmberBelow" => L["Tile.AnswerRateAmberBelow"],
        "ServiceLevelAmberBelow" => L["Tile.ServiceLevelAmberBelow"],
        "AbandonmentAmberAbove" => L["Tile.AbandonmentAmberAbove"],
        "AverageSpeedOfAnswerAmberAboveSeconds" => L["Tile.AverageSpeedOfAnswerAmberAboveSeconds"],
        "VoicemailBacklogAmberAbove" => L["Tile.VoicemailBacklogAmberAbove"],
        "OldestVoicemailAmberAboveHours" => L["Tile.OldestVoicemailAmberAboveHours"],
        "ErrorsPerHourAmberAbove" => L["Tile.ErrorsPerHourAmberAbove"],
        "FailedTransactionsAmberAbove" => L["Tile.FailedTransactionsAmberAbove"],
        _ => amberSetting,
    };

    private string Hint(ThresholdSetting setting)
    {
        var byDefault = Shown(setting, Thresholds.Defaults[setting.Key]);
        return stored.ContainsKey(setting.Key) ? L["HintChanged", byDefault] : L["HintDefault", byDefault];
    }

    private string Message(ThresholdProblem problem, Dictionary<string, double> values)
    {
        var setting = ThresholdCatalogue.Find(problem.Key)!;
        var other = problem.OtherKey is { } key && values.TryGetValue(key, out var value) ? Shown(ThresholdCatalogue.Find(key)!, value) : "";
        var isAmber = TileThresholds.Pairs.Any(p => p.Amber == setting.Name);
        return problem.Kind switch
        {
            ThresholdProblemKind.Missing => L["ProblemMissing"],
            ThresholdProblemKind.NotWholeNumber => L["ProblemWhole"],
            ThresholdProblemKind.OutOfRange => L["ProblemRange", Number(setting.ToDisplay(setting.Min)), Number(setting.ToDisplay(setting.Max))],
            ThresholdProblemKind.AmberMustBeAboveRed => isAmber ? L["ProblemAmberAboveRed", other] : L["ProblemRedBelowAmber", other],
            _ => isAmber ? L["ProblemAmberBelowRed", other] : L["ProblemRedAboveAmber", other],
        };
    }

    private static string Shown(ThresholdSetting setting, double stored) => Number(setting.ToDisplay(stored));

    private static string Number(double value) => value.ToString("0.######", CultureInfo.CurrentCulture);

    public void Dispose()
    {
        Thresholds.Changed -= OnThresholdsChanged;
        stop.Cancel();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
