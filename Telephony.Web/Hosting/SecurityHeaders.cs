namespace Telephony.Web.Hosting;

/// <summary>
/// Browser-side defences on every response: a Content Security Policy that Blazor Server and MudBlazor work under
/// (scripts only from this origin; MudBlazor sets inline styles; the circuit's WebSocket goes to this origin), no
/// framing, no MIME sniffing, no referrer leaking call or voicemail ids to other sites.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // At the last moment, so error pages (the exception handler clears headers) and static files carry them too.
            http.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            }, http.Response);
            return next(http);
        });
}
