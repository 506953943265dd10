using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Telephony.Data.Identity;
using Telephony.Web.Hosting;

namespace Telephony.Web.Localization;

public static class LocalizationServiceExtensions
{
    /// <summary>Resources live under this folder, one pair per component (docs/adr/0012-console-localization.md).</summary>
    public const string ResourcesPath = "Resources";

    /// <summary>String localizers over per-component resources, and the console's two languages.</summary>
    public static IHostApplicationBuilder AddLocalizationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(ConsoleLanguages.English)
                .AddSupportedCultures([.. ConsoleLanguages.All])
                .AddSupportedUICultures([.. ConsoleLanguages.All]);
            // The signed-in user's choice (the culture cookie), else the browser's language; no query string switch.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageCultureProvider()];
        });

        services.AddSingleton<LanguagePreference>();

        // Signing in (password or single sign-on) writes the user's stored language into the culture cookie.
        services.ConfigureApplicationCookie(options =>
        {
            var signedIn = options.Events.OnSignedIn;
            options.Events.OnSignedIn = async context =>
            {
                await signedIn(context).ConfigureAwait(false);
                var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
                var user = context.Principal is { } principal ? await users.GetUserAsync(principal).ConfigureAwait(false) : null;
                CultureCookie.Write(context.Response, user?.Language);
            };
        });
        return builder;
    }

    /// <summary>People's pages in their language; Twilio, the API and health probes stay culture-invariant.</summary>
    public static WebApplication UseConsoleLocalization(this WebApplication app)
    {
        app.UseWhen(context => !HostingExtensions.IsMachineRoute(context.Request.Path), branch => branch.UseRequestLocalization());
        return app;
    }

    /// <summary>
    /// <c>GET /account/language?returnUrl=…</c>: copies the signed-in user's stored language into the culture cookie and
    /// goes back. The picker saves the choice, then reloads through here (a circuit cannot write a cookie).
    /// </summary>
    public static IEndpointRouteBuilder MapLanguageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/language", async (HttpContext http, UserManager<AppUser> users, string? returnUrl) =>
        {
            var user = await users.GetUserAsync(http.User).ConfigureAwait(false);
            CultureCookie.Write(http.Response, user?.Language);
            return TypedResults.LocalRedirect(Components.Account.Login.SafeReturnUrl(returnUrl));
        });
        return app;
    }
}
