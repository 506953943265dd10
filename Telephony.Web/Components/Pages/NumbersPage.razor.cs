using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telephony.Data.ChangeFeed;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Components.Pages;

/// <summary>
/// The phone number inventory with webhook configuration status, and the tenants that own the numbers; redrawn live as
/// numbers change and provisioning transactions (a fix of configuration, a purchase, a release) move.
/// </summary>
public partial class NumbersPage
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Number, ChangeKinds.Transaction };

    private IReadOnlyList<PhoneNumberDto>? numbers;
    private IReadOnlyList<TenantDto>? tenants;
    private IReadOnlyList<PortingRequestDto>? porting;

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        numbers = [.. (await Provisioning.ListNumbersAsync(cancellationToken)).Select(n => PhoneNumberDto.From(n, Provisioning.CurrentUrls))];
        tenants = [.. (await Provisioning.ListTenantsAsync(cancellationToken)).Select(TenantDto.From)];
        porting = [.. (await Provisioning.ListPortingRequestsAsync(cancellationToken)).Select(PortingRequestDto.From)];
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private async Task<AdminActor> ActorAsync() => AdminActor.From(AuthenticationState is null ? null : (await AuthenticationState).User);

    private string TenantName(Guid? id) => tenants?.FirstOrDefault(t => t.Id == id)?.Name ?? "";

    private async Task ReleaseAsync(string sid)
    {
        var (transaction, problem) = await Provisioning.ReleaseNumberAsync(await ActorAsync(), sid, CancellationToken.None);
        Snackbar.Add(transaction is not null ? $"Releasing {sid}: follow it on the Transactions page." : problem ?? $"{sid} does not exist.",
            transaction is not null ? Severity.Info : Severity.Warning);
        await RefreshAsync();
    }

    private async Task MovePortingAsync(Guid id, string next)
    {
        if (PortingRequestDto.TryParseState(next, out var state))
        {
            var (_, outcome) = await Provisioning.MovePortingRequestAsync(await ActorAsync(), id, state, null, CancellationToken.None);
            Snackbar.Add(outcome == Telephony.Data.Provisioning.AdminActionOutcome.Accepted ? $"Porting request is now {next}." : "The porting request changed meanwhile; nothing done.",
                outcome == Telephony.Data.Provisioning.AdminActionOutcome.Accepted ? Severity.Info : Severity.Warning);
        }

        await RefreshAsync();
    }

    private async Task FixConfigurationAsync(string? sid)
    {
        var (transaction, problem) = await Provisioning.ReconfigureNumbersAsync(await ActorAsync(), sid, CancellationToken.None);
        Snackbar.Add(transaction is not null ? $"Reconfiguring {sid ?? "all numbers"}: follow it on the Transactions page." : problem ?? $"{sid} does not exist.",
            transaction is not null ? Severity.Info : Severity.Warning);
        await RefreshAsync();
    }

    private async Task ProvisionAsync(TenantDto tenant)
    {
        var (transaction, problem) = await Provisioning.ProvisionNumberAsync(await ActorAsync(), tenant.Id, tenant.AreaCode, CancellationToken.None);
        if (transaction is null)
        {
            Snackbar.Add(problem ?? "The tenant does not exist.", Severity.Warning);
            return;
        }

        Navigation.NavigateTo("/transactions");
    }
}
