using MudBlazor;
using Telephony.Core.Provisioning;
using Telephony.Data.Provisioning;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Components.Pages;

/// <summary>Provisioning transactions with their step timelines, admin actions on failed ones, and onboarding; refreshed every second.</summary>
public partial class TransactionsPage
{
    private const string All = "all";

    private readonly CancellationTokenSource stopping = new();
    private IReadOnlyList<TransactionDto>? transactions;
    private TransactionDto? selected;
    private string filter = All;
    private string tenantName = "";
    private string areaCode = "";
    private string? formError;
    private bool busy;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _ = RefreshLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Color ColorOf(string status) => status switch
    {
        "completed" => Color.Success,
        "compensated" => Color.Info,
        "failed" or "compensation-failed" => Color.Error,
        "running" or "compensating" => Color.Warning,
        _ => Color.Default,
    };

    private static string StepName(TransactionDto t) => t.Steps.FirstOrDefault(s => s.Index == t.CurrentStep)?.Name ?? "";

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoadAsync()
    {
        TransactionStatus? status = StatusNames.TryParse(filter, out var parsed) ? parsed : null;
        var list = await Provisioning.ListTransactionsAsync(status, 100, stopping.Token);
        transactions = [.. list.Select(TransactionDto.From)];
        if (selected is not null)
        {
            selected = transactions.FirstOrDefault(t => t.Id == selected.Id) ?? selected;
        }
    }

    private async Task FilterAsync(string value)
    {
        filter = value;
        await LoadAsync();
    }

    private void Select(TransactionDto? transaction) => selected = transaction ?? selected;

    private async Task OnboardAsync()
    {
        if (!ProvisioningSagas.IsValidTenantName(tenantName))
        {
            formError = "Enter a name of 1 to 100 characters.";
            return;
        }

        if (!ProvisioningSagas.IsValidAreaCode(areaCode))
        {
            formError = "Enter a three-digit North American area code, e.g. 604.";
            return;
        }

        busy = true;
        formError = null;
        try
        {
            var transaction = await Provisioning.OnboardTenantAsync(tenantName, areaCode, stopping.Token);
            Snackbar.Add($"Onboarding {tenantName} started.", Severity.Info);
            tenantName = areaCode = "";
            await LoadAsync();
            selected = transactions?.FirstOrDefault(t => t.Id == transaction.Id);
        }
        finally
        {
            busy = false;
        }
    }

    private Task RetryAsync(Guid id) => ActAsync(id, Provisioning.RetryAsync, "Retrying");

    private Task CompensateAsync(Guid id) => ActAsync(id, Provisioning.CompensateAsync, "Compensating");

    private async Task ActAsync(Guid id, Func<Guid, CancellationToken, Task<AdminActionOutcome>> action, string verb)
    {
        var outcome = await action(id, stopping.Token);
        Snackbar.Add(
            outcome == AdminActionOutcome.Accepted ? $"{verb} the transaction." : "The transaction is no longer failed; nothing to do.",
            outcome == AdminActionOutcome.Accepted ? Severity.Info : Severity.Warning);
        await LoadAsync();
    }
}
