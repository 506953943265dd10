using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telephony.Core.Provisioning;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Provisioning;
using Telephony.Web.Components.Common;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Components.Pages;

/// <summary>Provisioning transactions with their step timelines, admin actions on failed ones, and onboarding; redrawn live from the change feed as steps progress.</summary>
public partial class TransactionsPage
{
    private const string All = "all";

    private IReadOnlyList<TransactionDto>? transactions;
    private TransactionDto? selected;
    private string filter = All;
    private string tenantName = "";
    private string areaCode = "";
    private string? formError;
    private bool busy;

    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Transaction };

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private static Color ColorOf(string status) => status switch
    {
        "completed" => Color.Success,
        "compensated" => Color.Info,
        "failed" or "compensation-failed" => Color.Error,
        "running" or "compensating" => Color.Warning,
        _ => Color.Default,
    };

    private static string CurrentStep(TransactionDto t) => t.Steps.FirstOrDefault(s => s.Index == t.CurrentStep)?.Name ?? "";

    private string FilterName(string? value) => value == All ? L["all"] : ProvisioningNames.Status(value);

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        TransactionStatus? status = StatusNames.TryParse(filter, out var parsed) ? parsed : null;
        var list = await Provisioning.ListTransactionsAsync(status, 100, cancellationToken);
        transactions = [.. list.Select(TransactionDto.From)];
        if (selected is not null)
        {
            selected = transactions.FirstOrDefault(t => t.Id == selected.Id) ?? selected;
        }
    }

    private async Task FilterAsync(string value)
    {
        filter = value;
        await RefreshAsync();
    }

    private void Select(TransactionDto? transaction) => selected = transaction ?? selected;

    private async Task OnboardAsync()
    {
        if (!ProvisioningSagas.IsValidTenantName(tenantName))
        {
            formError = L["Enter a name of 1 to 100 characters."];
            return;
        }

        if (!ProvisioningSagas.IsValidAreaCode(areaCode))
        {
            formError = L["Enter a three-digit North American area code, e.g. 604."];
            return;
        }

        busy = true;
        formError = null;
        try
        {
            var transaction = await Provisioning.OnboardTenantAsync(await ActorAsync(), tenantName, areaCode, Stopping);
            Snackbar.Add(L["Onboarding {0} started.", tenantName], Severity.Info);
            tenantName = areaCode = "";
            await RefreshAsync();
            selected = transactions?.FirstOrDefault(t => t.Id == transaction.Id);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RetryAsync(Guid id)
    {
        var actor = await ActorAsync();
        await ActAsync(id, (i, ct) => Provisioning.RetryAsync(actor, i, ct), L["Retrying the transaction."]);
    }

    private async Task CompensateAsync(Guid id)
    {
        var actor = await ActorAsync();
        await ActAsync(id, (i, ct) => Provisioning.CompensateAsync(actor, i, ct), L["Compensating the transaction."]);
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private async Task<AdminActor> ActorAsync() => AdminActor.From(AuthenticationState is null ? null : (await AuthenticationState).User);

    private async Task ActAsync(Guid id, Func<Guid, CancellationToken, Task<AdminActionOutcome>> action, string accepted)
    {
        var outcome = await action(id, Stopping);
        Snackbar.Add(
            outcome == AdminActionOutcome.Accepted ? accepted : L["The transaction is no longer failed; nothing to do."],
            outcome == AdminActionOutcome.Accepted ? Severity.Info : Severity.Warning);
        await RefreshAsync();
    }
}
