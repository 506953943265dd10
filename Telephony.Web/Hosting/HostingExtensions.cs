using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using Telephony.Core.Twilio;
using Telephony.Web.Api;
using Telephony.Web.Security;

namespace Telephony.Web.Hosting;

public static class HostingExtensions
{
    /// <summary>Settings, the clock, problem details for unhandled errors, and which proxies' forwarded headers to trust.</summary>
    public static IHostApplicationBuilder AddHostingServices(this IHostApplicationBuilder builder)
    {
        AddRootSettingsFallback(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();
        return builder;
    }

    /// <summary>Forwarded headers, security headers, error handling, request limits, authentication, rate limits and authorization, in that order.</summary>
    public static WebApplication UseHostingPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the client's address and scheme (trusted proxies only)
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // People get a friendly status page; Twilio, the API and health probes get the bare status.
        app.UseWhen(context => !IsMachineRoute(context.Request.Path), branch => branch.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        // The API's bare error statuses (401, 403, 404, 405) get an RFC 9457 body too.
        app.UseWhen(context => ApiServiceExtensions.IsApiRequest(context.Request), branch => branch.UseStatusCodePages());
        // A status page re-executed for a POST (a throttled sign-in, a forbidden form) is rendered as a GET: a Blazor page
        // answering a POST would look for a form to handle and fail with 400.
        app.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
        app.UseWebhookBodyLimit();
        app.UseRouting(); // after status pages, so a re-executed request is routed again
        app.UseAuthentication();
        app.UseSecurityLimits();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Twilio, the API, health probes and the hubs: machines, not people, read these answers.</summary>
    internal static bool IsMachineRoute(PathString path) =>
        path.StartsWithSegments(TwilioRoutes.Root, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ApiServiceExtensions.Prefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    // The one appsettings.json lives at the repository root and is copied beside the binaries.
    // When the content root is elsewhere (tests, a published folder), read the copy, at the lowest
    // precedence so environment variables and command-line arguments still override it.
    private static void AddRootSettingsFallback(IHostApplicationBuilder builder)
    {
        var inContentRoot = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(inContentRoot) || !File.Exists(besideBinaries))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = besideBinaries, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
    }
}
