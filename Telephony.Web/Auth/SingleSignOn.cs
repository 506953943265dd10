using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Telephony.Data.Audit;
using Telephony.Data.Identity;
using Telephony.Web.Components.Account;
using Telephony.Web.Security;

namespace Telephony.Web.Auth;

/// <summary>
/// Optional OpenID Connect sign-in (authorization code + PKCE). The provider's groups decide the role; the person becomes
/// a local <see cref="AppUser"/> (linked by <c>sub</c>, first matched by email) signed in with the ordinary Identity cookie,
/// so the Users page, the audit log, disabling and security-stamp revalidation work exactly as for local accounts.
/// </summary>
public sealed partial class SingleSignOn(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AdminAuditLog audit,
    TimeProvider time,
    IOptions<SingleSignOnOptions> options,
    ILogger<SingleSignOn> logger)
{
    public const string Scheme = "oidc";
    public const string StartPath = "/account/sso";
    private const string Actor = "single sign-on";

    /// <summary>Registers the OpenID Connect handler only when <c>Authentication:OpenIdConnect:Authority</c> is set.</summary>
    public static IHostApplicationBuilder AddSingleSignOn(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SingleSignOnOptions>().Bind(builder.Configuration.GetSection(SingleSignOnOptions.Section));
        var settings = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new();
        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddScoped<SingleSignOn>();
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<SingleSignOnOptions>, IOptions<SecurityOptions>, IHostEnvironment>(
            (oidc, sso, security, environment) => Configure(oidc, sso.Value, AuthServiceExtensions.SecurePolicy(security.Value, environment)));
        return builder;
    }

    private static void Configure(OpenIdConnectOptions oidc, SingleSignOnOptions sso, CookieSecurePolicy securePolicy)
    {
        oidc.Authority = sso.Authority;
        oidc.ClientId = sso.ClientId;
        oidc.ClientSecret = string.IsNullOrEmpty(sso.ClientSecret) ? null : sso.ClientSecret;
        oidc.RequireHttpsMetadata = sso.RequireHttpsMetadata;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query: a top-level GET carries the SameSite=Lax cookies; PKCE binds it to this browser.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.SaveTokens = false;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        oidc.Scope.Add("email");
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.CorrelationCookie.SecurePolicy = securePolicy;
        oidc.NonceCookie.SecurePolicy = securePolicy;
        oidc.Events.OnTicketReceived = OnTicketReceivedAsync;
        oidc.Events.OnRemoteFailure = OnRemoteFailureAsync;
    }

    /// <summary><c>GET /account/sso?returnUrl=</c>: the login page's button; sends the browser to the provider.</summary>
    public static IEndpointRouteBuilder MapSingleSignOn(IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.Enabled)
        {
            app.MapGet(StartPath, (string? returnUrl) =>
                    TypedResults.Challenge(new AuthenticationProperties { RedirectUri = Login.SafeReturnUrl(returnUrl) }, [Scheme]))
                .AllowAnonymous();
        }

        return app;
    }

    /// <summary>Admin wins over Support; no matching group, no role (and no sign-in).</summary>
    internal static string? RoleFor(IEnumerable<string> groups, SingleSignOnOptions sso)
    {
        var held = groups.ToHashSet(StringComparer.Ordinal);
        return sso.AdminGroups.Any(held.Contains) ? Roles.Admin
            : sso.SupportGroups.Any(held.Contains) ? Roles.Support
            : null;
    }

    /// <summary>Provisions or updates the local user for the provider's identity and signs them in with the Identity cookie.</summary>
    public async Task<SingleSignOnOutcome> SignInAsync(ClaimsPrincipal external)
    {
        var sso = options.Value;
        var subject = external.FindFirst("sub")?.Value;
        var email = external.FindFirst("email")?.Value?.Trim();
        var role = RoleFor(external.FindAll(sso.GroupClaim).Select(c => c.Value), sso);
        if (role is null)
        {
            LogNoGroup(logger, email ?? subject ?? "unknown");
            return SingleSignOnOutcome.NoMatchingGroup;
        }

        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(email))
        {
            return SingleSignOnOutcome.NoEmail;
        }

        var user = await users.FindByLoginAsync(Scheme, subject).ConfigureAwait(false)
            ?? await users.FindByEmailAsync(email).ConfigureAwait(false);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = external.FindFirst("name")?.Value, CreatedAt = time.GetUtcNow() };
            if (!await SucceededAsync(users.CreateAsync(user)).ConfigureAwait(false))
            {
                return SingleSignOnOutcome.Failed;
            }

            await audit.RecordAsync(null, Actor, "user-create", email, $"role {role} from the identity provider", CancellationToken.None).ConfigureAwait(false);
        }

        if (await users.FindByLoginAsync(Scheme, subject).ConfigureAwait(false) is null
            && !await SucceededAsync(users.AddLoginAsync(user, new UserLoginInfo(Scheme, subject, sso.DisplayName))).ConfigureAwait(false))
        {
            return SingleSignOnOutcome.Failed;
        }

        if (user.Disabled)
        {
            LogDisabled(logger, email);
            return SingleSignOnOutcome.Disabled;
        }

        if (!await SyncRoleAsync(user, role).ConfigureAwait(false))
        {
            return SingleSignOnOutcome.Failed;
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme).ConfigureAwait(false);
        LogSignedIn(logger, email, role);
        return SingleSignOnOutcome.SignedIn;
    }

    // The provider is the authority on roles for its people: a group change there applies at the next sign-in.
    private async Task<bool> SyncRoleAsync(AppUser user, string role)
    {
        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (current.Count == 1 && current[0] == role)
        {
            return true;
        }

        if (!await SucceededAsync(users.RemoveFromRolesAsync(user, current)).ConfigureAwait(false)
            || !await SucceededAsync(users.AddToRoleAsync(user, role)).ConfigureAwait(false)
            || !await SucceededAsync(users.UpdateSecurityStampAsync(user)).ConfigureAwait(false))
        {
            return false;
        }

        if (current.Count > 0)
        {
            await audit.RecordAsync(null, Actor, "user-role-change", user.Email, $"{string.Join("+", current)} -> {role} from the identity provider", CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<bool> SucceededAsync(Task<IdentityResult> operation)
    {
        var result = await operation.ConfigureAwait(false);
        if (!result.Succeeded)
        {
            LogIdentityError(logger, string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return result.Succeeded;
    }

    // The handler would otherwise sign into the external cookie; the Identity cookie is set here instead, or nobody is signed in.
    private static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        var sso = context.HttpContext.RequestServices.GetRequiredService<SingleSignOn>();
        var outcome = await sso.SignInAsync(context.Principal!).ConfigureAwait(false);
        context.HandleResponse();
        context.Response.Redirect(outcome == SingleSignOnOutcome.SignedIn
            ? Login.SafeReturnUrl(context.ReturnUri)
            : $"/account/login?sso={outcome.ToString().ToLowerInvariant()}");
    }

    // A cancelled sign-in, a bad state or a refused code: back to the login page with a message, never an exception page.
    private static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<SingleSignOn>>();
        LogRemoteFailure(logger, context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? "");
        context.HandleResponse();
        context.Response.Redirect($"/account/login?sso={SingleSignOnOutcome.Failed.ToString().ToLowerInvariant()}");
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on refused for {User}: no group maps to a console role")]
    private static partial void LogNoGroup(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on refused for {Email}: the account is disabled")]
    private static partial void LogDisabled(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on of {Email} as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string email, string role);

    [LoggerMessage(Level = LogLevel.Error, Message = "Single sign-on could not provision the user: {Errors}")]
    private static partial void LogIdentityError(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on failed ({Kind}): {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string kind, string reason);
}

public enum SingleSignOnOutcome
{
    SignedIn,
    NoMatchingGroup,
    NoEmail,
    Disabled,
    Failed,
}
