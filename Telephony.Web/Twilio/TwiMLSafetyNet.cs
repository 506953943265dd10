using Telephony.Core.Calls;
using Telephony.Web.Telemetry;

namespace Telephony.Web.Twilio;

/// <summary>
/// The last line of defence for verified requests: whatever a handler throws, Twilio gets 200 with valid TwiML
/// (an apology and hang-up for voice, an empty reply for SMS), never a 5xx that plays Twilio's error message.
/// </summary>
internal sealed partial class TwiMLSafetyNet(ILogger<TwiMLSafetyNet> logger) : IEndpointFilter
{
    private static readonly string EmptyMessaging = new global::Twilio.TwiML.MessagingResponse().ToString();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Deliberately catch-all: the caller must always hear something.
        catch (Exception e) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var path = context.HttpContext.Request.Path;
            LogHandlerFailed(logger, path, e);
            WebhookOutcome.MarkSafetyNet(context.HttpContext);
            return TwiMLResults.Xml(path.StartsWithSegments("/twilio/sms", StringComparison.Ordinal) ? EmptyMessaging : CallFlow.SafeTwiML);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook handler {Path} failed; answered with safe TwiML")]
    private static partial void LogHandlerFailed(ILogger logger, PathString path, Exception exception);
}
