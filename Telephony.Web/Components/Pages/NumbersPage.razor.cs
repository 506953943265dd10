using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telephony.Core.Provisioning;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Provisioning;
using Telephony.Web.Components.Common;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Components.Pages;

/// <summary>
/// The phone number inventory with webhook configuration status, and the tenants that own the numbers; redrawn live as
/// numbers change and provisioning transactions (a fix of configuration, a purchase, a release) move; and the requests to
/// port numbers in, which an admin submits, advances, rejects or cancels here (releasing, rejecting and cancelling after
/// confirming).
/// </summary>
public partial class NumbersPage
{
    private const string NoTenant = "";

    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Number, ChangeKinds.Transaction };

    private IReadOnlyList<PhoneNumberDto>? numbers;
    private IReadOnlyList<TenantDto>? tenants;
    private IReadOnlyList<PortingRequestDto>? porting;
    private string? portE164;
    private string? portCarrier;
    private string? portTenant = NoTenant;
    private PortingRequestCreation? portingCreation;
    private string? portingProblem;
    private (Guid Id, PortingState State)? confirming;
    private string? releasing;
    private bool busy;

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
        busy = true;
        try
        {
            var (transaction, problem) = await Provisioning.ReleaseNumberAsync(await ActorAsync(), sid, CancellationToken.None);
            Snackbar.Add(transaction is not null ? L["Releasing {0}: follow it on the Transactions page.", sid] : problem ?? L["{0} does not exist.", sid],
                transaction is not null ? Severity.Info : Severity.Warning);
        }
        finally
        {
            busy = false;
            releasing = null;
        }

        await RefreshAsync();
    }

    private static PortingState? AdvanceOf(PortingRequestDto request) =>
        PortingRequestDto.TryParseState(request.State, out var state) ? PortingStates.AdvanceOf(state) : null;

    private string TenantLabel(string? id) =>
        string.IsNullOrEmpty(id) ? L["No tenant yet"] : tenants?.FirstOrDefault(t => t.Id.ToString() == id)?.Name ?? id;

    private string? PortingError(string field) => portingCreation?.ErrorOf(field);

    // Submitted through the service the API uses: the same rules, the same audit entry; what is wrong shows on the form.
    private async Task CreatePortingAsync()
    {
        busy = true;
        try
        {
            Guid? tenantId = Guid.TryParse(portTenant, out var id) ? id : null;
            portingCreation = await Provisioning.CreatePortingRequestAsync(await ActorAsync(), portE164?.Trim(), portCarrier, tenantId, CancellationToken.None);
            portingProblem = portingCreation switch
            {
                { Request: not null } => (string?)null,
                { Errors.Count: > 0 } => L["The porting request was not submitted: correct the fields marked above."],
                _ => portingCreation.Problem,
            };
            if (portingCreation.Request is { } created)
            {
                Snackbar.Add(L["Porting request for {0} submitted.", created.E164], Severity.Success);
                portE164 = null;
                portCarrier = null;
                portTenant = NoTenant;
            }
        }
        finally
        {
            busy = false;
        }

        await RefreshAsync();
    }

    private async Task MovePortingAsync(PortingRequestDto request, PortingState next)
    {
        busy = true;
        try
        {
            var (_, outcome) = await Provisioning.MovePortingRequestAsync(await ActorAsync(), request.Id, next, null, CancellationToken.None);
            Snackbar.Add(outcome switch
            {
                AdminActionOutcome.Accepted => L["The porting request for {0} is now {1}.", request.E164, ProvisioningNames.Status(StatusNames.Of(next))],
                AdminActionOutcome.NotFound => L["The porting request for {0} no longer exists.", request.E164],
                _ => L["The porting request for {0} changed meanwhile; nothing done.", request.E164],
            }, outcome == AdminActionOutcome.Accepted ? Severity.Info : Severity.Warning);
        }
        finally
        {
            busy = false;
            confirming = null;
        }

        await RefreshAsync();
    }

    private async Task FixConfigurationAsync(string? sid)
    {
        var (transaction, problem) = await Provisioning.ReconfigureNumbersAsync(await ActorAsync(), sid, CancellationToken.None);
        Snackbar.Add(transaction is not null ? L["Reconfiguring {0}: follow it on the Transactions page.", sid ?? L["all numbers"]] : problem ?? L["{0} does not exist.", sid ?? ""],
            transaction is not null ? Severity.Info : Severity.Warning);
        await RefreshAsync();
    }

    private async Task ProvisionAsync(TenantDto tenant)
    {
        var (transaction, problem) = await Provisioning.ProvisionNumberAsync(await ActorAsync(), tenant.Id, tenant.AreaCode, CancellationToken.None);
        if (transaction is null)
        {
            Snackbar.Add(problem ?? L["The tenant does not exist."], Severity.Warning);
            return;
        }

        Navigation.NavigateTo("/transactions");
    }
}
