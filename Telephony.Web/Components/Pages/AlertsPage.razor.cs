using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;
using Telephony.Data.ChangeFeed;
using Telephony.Web.Alerts;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Components.Pages;

public partial class AlertsPage
{
    private IReadOnlyList<AlertView>? open;
    private IReadOnlyList<AlertView>? history;
    private string? message;
    private string user = "";
    private LiveAlertFeed? live;

    [Inject]
    private AlertStore Alerts { get; set; } = null!;

    [Inject]
    private AlertTargets Targets { get; set; } = null!;

    [Inject]
    private IChangeFeed Feed { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        user = (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
        live = LiveAlertFeed.Start(Feed, async () =>
        {
            await LoadAsync();
            await InvokeAsync(StateHasChanged);
        });
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        open = await Alerts.ListOpenAsync(CancellationToken.None);
        history = await Alerts.ListHistoryAsync(cancellationToken: CancellationToken.None);
    }

    private Task AcknowledgeAsync(AlertView alert) => ActAsync(Alerts.AcknowledgeAsync(alert.Id, alert.Version, user, CancellationToken.None));

    private Task ResolveAsync(AlertView alert) => ActAsync(Alerts.ResolveAsync(alert.Id, alert.Version, user, Targets.All, CancellationToken.None));

    private async Task ActAsync(Task<AlertActionOutcome> action)
    {
        message = await action switch
        {
            AlertActionOutcome.Done => (string?)null,
            AlertActionOutcome.Stale => L["This alert changed a moment ago. The list is up to date now; check it and try again."],
            AlertActionOutcome.NotAllowed => L["That action no longer applies to this alert."],
            _ => L["That alert no longer exists."],
        };
        await LoadAsync();
    }

    private string Ago(DateTimeOffset at) => Ages.Ago(Time.GetUtcNow() - at);

    private string SeverityLabel(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => L["Critical"],
        AlertSeverity.Warning => L["Warning"],
        _ => severity.ToString(),
    };

    private static Color SeverityColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    public void Dispose()
    {
        live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
