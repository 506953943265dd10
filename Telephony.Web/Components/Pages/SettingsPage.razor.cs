using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Telephony.Core.Alerts;
using Telephony.Web.Provisioning;
using Telephony.Web.Settings;

namespace Telephony.Web.Components.Pages;

/// <summary>
/// Admins change the alert rules' limits and the dashboard tiles' amber and red limits. Every value is checked (its range,
/// and amber less severe than red) before anything is saved; a save audits each change and reaches every instance's
/// alert evaluator and open consoles through the change feed.
/// </summary>
public partial class SettingsPage : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Dictionary<string, double?>? display;
    private Dictionary<string, string> errors = [];
    private IReadOnlyDictionary<string, double> stored = new Dictionary<string, double>();
    private string? outcome;
    private bool outcomeIsError;
    private bool loadFailed;
    private bool busy;

    [Inject]
    private LiveThresholds Thresholds { get; set; } = null!;

    [Inject]
    private ThresholdEditing Editing { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = null!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var snapshot = await Thresholds.ReloadAsync(stop.Token);
        loadFailed = Thresholds.LastLoadFailed;
        stored = snapshot.Stored;
        display = ThresholdCatalogue.All.ToDictionary(s => s.Key, s => (double?)s.ToDisplay(snapshot.Values[s.Key]));
    }

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
                Show(L["NothingSaved", errors.Count], error: true);
                return;
            }

            errors = [];
            if (result.Conflict)
            {
                Show(L["Conflict"], error: true);
            }
            else
            {
                Show(result.Changes.Count == 0 ? L["NoChanges"] : L["Saved", result.Changes.Count], error: false);
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
            Show(result.Conflict ? L["Conflict"] : L["ResetDone", result.Changes.Count], error: result.Conflict);
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

    private void Show(string message, bool error)
    {
        outcome = message;
        outcomeIsError = error;
    }

    private async Task<AdminActor> ActorAsync() => AdminActor.From((await Auth.GetAuthenticationStateAsync()).User);

    private static ThresholdSetting TileSetting(string name) => ThresholdCatalogue.Tiles.First(s => s.Name == name);

    private static string TestId(ThresholdSetting setting) => "setting-" + setting.Key.Replace(':', '-');

    private string Label(ThresholdSetting setting) => L[$"Setting.{setting.Key.Replace(':', '.')}"];

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
        stop.Cancel();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
