using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Telephony.Core.Twilio;

namespace Telephony.Web.Security;

/// <summary>
/// Twilio's form posts are a few kilobytes; anything bigger under <c>/twilio</c> is answered <c>413</c> before the body is
/// read. The signature covers the body, so an oversized request cannot be verified without reading it: it never counts
/// as a verified request, and Twilio itself never sends one (SECURITY.md).
/// </summary>
internal static class WebhookBodyLimit
{
    public static IApplicationBuilder UseWebhookBodyLimit(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>();
        return app.Use((http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments(TwilioRoutes.Root, StringComparison.OrdinalIgnoreCase))
            {
                return next(http);
            }

            var max = options.Value.WebhookMaxBodyBytes;
            if (http.Request.ContentLength > max)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            // A chunked body without a length is cut off by the server when it passes the limit.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = max;
            }

            return next(http);
        });
    }
}
