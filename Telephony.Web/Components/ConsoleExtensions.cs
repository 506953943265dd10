using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;

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
        builder.Services.AddOptions<HotlineTimeZoneOptions>()
            .Bind(builder.Configuration.GetSection("Telephony"))
            // The zone's former key, still honoured when the new one is not set, so an upgrade keeps showing local times.
            .PostConfigure(o => o.TimeZone = builder.Configuration["Telephony:TimeZone"] is null && builder.Configuration["Console:TimeZone"] is { Length: > 0 } former ? former : o.TimeZone)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConsoleClock>();
        builder.Services.AddOptions<ConsoleOptions>().Bind(builder.Configuration.GetSection("Console")).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
