using Microsoft.AspNetCore.Http.Features;

namespace Telephony.Web.Twilio;

/// <summary>The URL Twilio signed: the configured public origin plus the raw path and query of the request.</summary>
/// <remarks>
/// Behind a proxy Kestrel sees another scheme, host and port; only the path and query survive unchanged, so the
/// origin comes from configuration. The raw target keeps Twilio's own percent-encoding, which a decoded path would lose.
/// </remarks>
public static class PublicRequestUrl
{
    public static string For(HttpContext context, string publicBaseUrl)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || !raw.StartsWith('/'))
        {
            raw = context.Request.PathBase.Add(context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        return publicBaseUrl.TrimEnd('/') + raw;
    }
}
