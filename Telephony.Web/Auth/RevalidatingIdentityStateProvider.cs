using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Telephony.Data.Identity;
using Telephony.Web.Security;

namespace Telephony.Web.Auth;

/// <summary>
/// An open console (a Blazor circuit) outlives the cookie check of the request that opened it: every interval this
/// checks the user still exists, is not disabled and holds the same security stamp; otherwise the circuit signs out
/// and the page sends the user to the login page.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<SecurityOptions> security,
    IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // The component base class rejects a zero interval; a second is the floor.
    protected override TimeSpan RevalidationInterval =>
        security.Value.SessionRevalidationInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : security.Value.SessionRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            return await IsStillValidAsync(users, authenticationState.User).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsStillValidAsync(UserManager<AppUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal).ConfigureAwait(false);
        if (user is null || user.Disabled)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var claimed = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var current = await users.GetSecurityStampAsync(user).ConfigureAwait(false);
        return claimed == current;
    }
}
