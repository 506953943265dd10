using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Calls;
using Telephony.Web.Journal;
using Telephony.Web.Telemetry;

namespace Telephony.Web.Twilio;

/// <summary>
/// The path of a voice webhook whose answer does not wait on the database: the request is read once, its route decides
/// once (answer and unit of work), the unit is stored within the budget or journaled, and the answer goes out. The
/// journal replays the same decision's unit.
/// </summary>
public static class VoiceWebhook
{
    /// <summary>Maps <paramref name="route"/> to the shared handler, answering with what <paramref name="decide"/> decides.</summary>
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes, string route, Func<CallFlow, VoiceRequest, WebhookDecision> decide)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapPost(route, (HttpContext http, [AsParameters] WebhookServices services) => AnswerAsync(http, services, route, decide));
    }

    public static Task<ContentHttpResult> AnswerAsync(HttpContext http, WebhookServices services, string route, Func<CallFlow, VoiceRequest, WebhookDecision> decide)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AnswerAsync(http, services, route, VoiceRequest.Of(http, services.Logger), decide);
    }

    public static async Task<ContentHttpResult> AnswerAsync(HttpContext http, WebhookServices services, string route, VoiceRequest request, Func<CallFlow, VoiceRequest, WebhookDecision> decide)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decide);
        var decision = decide(services.Stores.Flow, request);
        if (decision.Result is { } result)
        {
            WebhookOutcome.MarkCall(http, result);
        }

        if (decision.Store is { } store)
        {
            await services.Guard.StoreAsync(http, route, request.Payload.CallSid, (record, ct) => store(services.Stores, record.ReceivedAt, ct)).ConfigureAwait(false);
        }

        return TwiMLResults.Xml(decision.TwiML);
    }

    /// <summary>Stores a journaled webhook through the unit its route decides on the record.</summary>
    public static Task ReplayAsync(JournalRecord record, WebhookStores stores, Func<CallFlow, VoiceRequest, WebhookDecision> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(decide);
        return decide(stores.Flow, VoiceRequest.Of(record)).Store?.Invoke(stores, record.ReceivedAt, cancellationToken) ?? Task.CompletedTask;
    }
}
