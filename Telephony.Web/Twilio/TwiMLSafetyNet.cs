using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Core.Validation;
using Telephony.Data.Errors;
using Telephony.Web.Telemetry;

namespace Telephony.Web.Twilio;

/// <summary>
/// The last line of defence for verified requests: whatever a handler throws, Twilio gets 200 with valid TwiML
/// (an apology and hang-up for voice, an empty reply for SMS), never a 5xx that plays Twilio's error message.
/// Each catch is a webhook failure on the Errors page and in the error-burst alert.
/// </summary>
internal sealed partial class TwiMLSafetyNet(WebhookGuard guard, ILogger<TwiMLSafetyNet> logger) : IEndpointFilter
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
            var http = context.HttpContext;
            var path = http.Request.Path;
            LogHandlerFailed(logger, path, e);
            WebhookOutcome.MarkSafetyNet(http);

            // Queued, not written here: the answer must not wait on (or fail with) the database that may be the cause.
            var callSid = TwilioForm.Field(http, "CallSid");
            guard.RecordLater(
                WebhookErrorKind.HandlerException,
                path.Value ?? "",
                TwilioSid.IsValid(callSid, SidKind.Call) ? callSid : null,
                $"{e.GetType().Name}; answered with safe TwiML");
            return TwiMLResults.Xml(path.StartsWithSegments(TwilioRoutes.Sms, StringComparison.Ordinal) ? EmptyMessaging : CallFlow.SafeTwiML);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook handler {Path} failed; answered with safe TwiML")]
    private static partial void LogHandlerFailed(ILogger logger, PathString path, Exception exception);
}
