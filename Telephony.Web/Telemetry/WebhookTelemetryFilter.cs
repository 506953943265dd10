using Telephony.Web.Hosting.WarmUp;

namespace Telephony.Web.Telemetry;

/// <summary>
/// Outermost filter of the <c>/twilio</c> group: counts every webhook by route and result, counts the calls the flow
/// decided on, and tags the request's span. Constant tags and an Items look-up: nothing on the hot path touches the database.
/// </summary>
internal sealed class WebhookTelemetryFilter(HotlineMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (InProcessRequests.IsWarmUp(http))
        {
            return await next(context).ConfigureAwait(false); // the start-up warm-up's throw-away calls are not traffic
        }

        var route = WebhookRouteNames.Of(http.Request.Path);
        var result = WebhookOutcome.Aborted;
        try
        {
            var answer = await next(context).ConfigureAwait(false);
            result = WebhookOutcome.Of(http, answer);
            return answer;
        }
        finally
        {
            metrics.WebhookAnswered(route, result, WebhookOutcome.CallOf(http));
            WebhookSpan.Enrich(http, route, result);
        }
    }
}
