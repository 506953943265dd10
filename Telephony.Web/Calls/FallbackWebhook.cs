using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Core.Twilio;
using Telephony.Data.Errors;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>Twilio's Voice Fallback URL (<see cref="TwilioRoutes.Fallback"/>): our primary handler failed, so the call goes to voicemail.</summary>
internal static partial class FallbackWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => routes.MapPost(TwilioRoutes.Fallback, HandleAsync);

    public static Task<ContentHttpResult> HandleAsync(HttpContext http, [AsParameters] WebhookServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var request = VoiceRequest.Of(http, services.Logger);
        LogFallback(services.Logger, request.Payload.ErrorCode, request.Payload.ErrorUrl, request.Payload.CallSid);
        return VoiceWebhook.AnswerAsync(http, services, TwilioRoutes.Fallback, request, Decide);
    }

    /// <summary>Every use of the fallback goes on the Errors page, also one without a call; the call's events follow.</summary>
    public static WebhookDecision Decide(CallFlow flow, VoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Payload;

        // The primary handler failed, so nothing about consent can be trusted: no recording beyond the voicemail itself.
        var result = flow.Fallback(request.Context with { Consent = ConsentState.Unknown }, p.ErrorCode, p.ErrorUrl);
        var events = CallEventRecorder.Unit(p, result);
        return new(result.TwiML, result, async (stores, receivedAt, ct) =>
        {
            await stores.Errors.RecordOnceAsync(
                WebhookErrorKind.TwilioError, TwilioRoutes.Fallback, "Twilio used the Voice Fallback URL", p.CallSid,
                p.ErrorCode?.ToString(CultureInfo.InvariantCulture), p.ErrorUrl, receivedAt, ct).ConfigureAwait(false);
            if (events is not null)
            {
                await events(stores, receivedAt, ct).ConfigureAwait(false);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio used the fallback URL: error {ErrorCode} at {ErrorUrl} on call {CallSid}")]
    private static partial void LogFallback(ILogger logger, int? errorCode, string? errorUrl, string? callSid);
}
