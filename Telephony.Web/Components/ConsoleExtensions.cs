using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;
using Telephony.Web.Wallboard;

namespace Telephony.Web.Components;

public static class ConsoleExtensions
{
    /// <summary>Blazor Server with MudBlazor.</summary>
    public static IHostApplicationBuilder AddConsoleServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // After the Blazor services, replacing their provider: open consoles re-check the user (RevalidatingIdentityStateProvider).
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMudServices();
        builder.Services.AddTransient<MudBlazor.MudLocalizer, Localization.ConsoleMudLocalizer>();
        builder.Services.AddOptions<HotlineTimeZoneOptions>()
            .Bind(builder.Configuration.GetSection("Telephony"))
            // The zone's former key, still honoured when the new one is not set, so an upgrade keeps showing local times.
            .PostConfigure(o => o.TimeZone = builder.Configuration["Telephony:TimeZone"] is null && builder.Configuration["Console:TimeZone"] is { Length: > 0 } former ? former : o.TimeZone)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConsoleClock>();
        builder.Services.AddSingleton<SharedOverview>();
        builder.Services.AddSingleton<WallboardTokens>();
        builder.Services.AddOptions<ConsoleOptions>().Bind(builder.Configuration.GetSection("Console")).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // The wallboard opens from a link on a TV nobody signs in on, so Blazor's script and circuit connection are open to
        // anonymous browsers; a circuit only renders what the server prerendered for it, and every page but the wallboard
        // (and the sign-in and status pages) still needs a signed-in user.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && IsCircuitEndpoint(pattern))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return app;
    }

    internal static bool IsCircuitEndpoint(string pattern) =>
        pattern.StartsWith("/_blazor", StringComparison.OrdinalIgnoreCase)
        || pattern.Equals("/_framework/blazor.web.js", StringComparison.OrdinalIgnoreCase);
}
