using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Components.Pages;

public partial class UsersPage
{
    private IReadOnlyList<UserSummary>? users;
    private IReadOnlyList<string> errors = [];
    private string newEmail = "";
    private string newName = "";
    private string newPassword = "";
    private string newRole = Roles.Support;
    private bool busy;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = null!;

    protected override async Task OnInitializedAsync() => users = await Admin.ListAsync();

    private async Task<AdminActor> ActorAsync() => AdminActor.From((await Auth.GetAuthenticationStateAsync()).User);

    private async Task AddAsync()
    {
        if (string.IsNullOrWhiteSpace(newEmail) || string.IsNullOrEmpty(newPassword))
        {
            errors = [L["Enter an email and an initial password."]];
            return;
        }

        busy = true;
        try
        {
            errors = await Admin.CreateAsync(newEmail, string.IsNullOrWhiteSpace(newName) ? null : newName.Trim(), newPassword, newRole, await ActorAsync());
            if (errors.Count == 0)
            {
                Snackbar.Add(L["Added {0} as {1}.", newEmail, SharedStrings.Role(newRole)], Severity.Success);
                newEmail = newName = newPassword = "";
                users = await Admin.ListAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SetDisabledAsync(UserSummary user, bool disabled)
    {
        var actor = await ActorAsync();
        var problems = await Admin.SetDisabledAsync(user.Id, disabled, actor.UserId, actor);
        if (problems.Count > 0)
        {
            Snackbar.Add(string.Join(" ", problems), Severity.Error);
        }
        else
        {
            Snackbar.Add(disabled ? L["{0} is disabled and signed out everywhere.", user.Email] : L["{0} can sign in again.", user.Email], Severity.Success);
        }

        users = await Admin.ListAsync();
    }

    private async Task SetRoleAsync(UserSummary user, string role)
    {
        var problems = await Admin.SetRoleAsync(user.Id, role, await ActorAsync());
        if (problems.Count > 0)
        {
            Snackbar.Add(string.Join(" ", problems), Severity.Error);
        }
        else
        {
            Snackbar.Add(L["{0} is now {1}.", user.Email, SharedStrings.Role(role)], Severity.Success);
        }

        users = await Admin.ListAsync();
    }
}
