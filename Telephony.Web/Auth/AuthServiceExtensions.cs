using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Telephony.Data;
using Telephony.Data.Identity;
using Telephony.Web.Api;
using Telephony.Web.Security;

namespace Telephony.Web.Auth;

public static class AuthServiceExtensions
{
    public const string AdminPolicy = "Admin";

    /// <summary>ASP.NET Core Identity on EF Core, the cookie, and "signed in unless told otherwise".</summary>
    public static IHostApplicationBuilder AddAuthServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BootstrapOptions>().Bind(builder.Configuration.GetSection("Bootstrap"));

        // Keys in the shared database: a cookie (or antiforgery token) issued by one instance is read by every other.
        services.AddDataProtection()
            .SetApplicationName("Telephony")
            .PersistKeysToDbContext<TelephonyDbContext>();
        services.AddSingleton<KeyRingInitializer>();

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // Length over composition rules (NIST SP 800-63B); a few distinct characters rule out "aaaaaaaaaaaa".
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<TelephonyDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "telephony.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => AnswerApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Deny(context.HttpContext);
        });

        // The session cookies are Secure outside Development (Security:CookieSecurePolicy overrides); browsers keep and
        // send Secure cookies on http://localhost too, so `dotnet run` still signs in. The antiforgery cookie is no
        // credential (its token is bound to the user) and stays SameAsRequest: antiforgery refuses to issue an "Always"
        // cookie on a plain-http request at all, which would lock a laptop or a proxy without X-Forwarded-Proto out.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SecurityOptions>, IHostEnvironment>(
            (cookie, security, environment) => cookie.Cookie.SecurePolicy = SecurePolicy(security.Value, environment));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme).Configure<IOptions<SecurityOptions>, IHostEnvironment>(
            (cookie, security, environment) => cookie.Cookie.SecurePolicy = SecurePolicy(security.Value, environment));
        services.AddOptions<AntiforgeryOptions>().Configure(antiforgery =>
        {
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });

        // A disabled user, a role change or a password reset changes the security stamp: open sessions end within the interval.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>>(
            (validator, security) => validator.ValidationInterval = security.Value.SessionRevalidationInterval);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));

        SingleSignOn.AddSingleSignOn(builder);
        services.AddScoped<BootstrapAdmin>();
        services.AddScoped<UserAdministration>();
        return builder;
    }

    internal static CookieSecurePolicy SecurePolicy(SecurityOptions security, IHostEnvironment environment) => security.CookieSecurePolicy switch
    {
        "" => environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always,
        var value when Enum.TryParse<CookieSecurePolicy>(value, ignoreCase: true, out var policy) => policy,
        var value => throw new OptionsValidationException("Security", typeof(SecurityOptions), [$"Security:CookieSecurePolicy '{value}' is not Always, SameAsRequest or None."]),
    };

    private static Task AnswerApiOrRedirect(HttpContext http, string redirectUri, int status)
    {
        if (IsApi(http.Request))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    // A signed-in user without the role gets a real 403; the status page explains it to a person.
    private static Task Deny(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) =>
        ApiServiceExtensions.IsApiRequest(request)
        || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
}
