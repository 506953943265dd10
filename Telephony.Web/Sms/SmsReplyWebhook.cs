using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Telephony.Core.Sms;
using Telephony.Core.Twilio;
using Telephony.Data.Sms;
using Telephony.Web.Journal;
using Telephony.Web.Telemetry;
using Telephony.Web.Twilio;

namespace Telephony.Web.Sms;

/// <summary>
/// Inbound SMS (<see cref="TwilioRoutes.Sms"/>): STOP/START/HELP and an auto-reply; every message stored. Each sender
/// gets at most <c>Sms:RepliesPerHour</c> automatic replies per clock hour, counted in the database so the allowance holds
/// across instances; past it the answer is an empty response, so two auto-responders cannot text each other for ever.
/// </summary>
internal static partial class SmsReplyWebhook
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) => routes.MapPost(TwilioRoutes.Sms, HandleAsync);

    public static async Task<ContentHttpResult> HandleAsync(
        HttpContext http, [AsParameters] WebhookServices services, IOptions<SmsOptions> smsOptions, HotlineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(smsOptions);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(services);
        var parsed = SmsPayload.Parse(TwilioForm.Of(http));
        TwilioForm.LogRejected(services.Logger, http.Request.Path, parsed.RejectedFields);
        var p = parsed.Payload;
        var reply = services.Stores.SmsPolicy.Reply(p.Body);
        if (reply.SendsMessage && p.From is { Length: > 0 } sender)
        {
            // When the database cannot count in time the reply goes out: a missed reply is worse than one extra.
            var limit = smsOptions.Value.RepliesPerHour;
            var admitted = true;
            await services.Guard.TryAsync("sms-reply-limit", async ct =>
            {
                admitted = (await services.RateLimits.TryAcquireSmsReplyAsync(sender, limit, services.Time.GetUtcNow(), ct).ConfigureAwait(false)).Admitted;
            }, callSid: null).ConfigureAwait(false);
            if (!admitted)
            {
                reply = SmsReplyPolicy.Silent(reply.Keyword);
                metrics.SmsReplySuppressed();
                LogReplySuppressed(services.Logger, TwilioForm.Mask(sender), limit);
            }
        }

        if (p is { MessageSid: not null, From: not null })
        {
            await services.Guard.StoreAsync(http, TwilioRoutes.Sms, callSid: null, (record, ct) => StoreAsync(services.Stores, p, reply.Keyword, record.ReceivedAt, ct)).ConfigureAwait(false);
            var masked = TwilioForm.Mask(p.From);
            LogSms(services.Logger, masked, reply.Keyword);
        }

        return TwiMLResults.Xml(reply.TwiML);
    }

    public static Task ReplayAsync(JournalRecord record, WebhookStores stores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stores);
        var p = SmsPayload.Parse(record.Form).Payload;
        return p is { MessageSid: not null, From: not null }
            ? StoreAsync(stores, p, stores.SmsPolicy.Reply(p.Body).Keyword, record.ReceivedAt, cancellationToken)
            : Task.CompletedTask;
    }

    private static Task StoreAsync(WebhookStores stores, SmsPayload p, SmsKeyword keyword, DateTimeOffset receivedAt, CancellationToken ct)
    {
        bool? optOut = keyword switch
        {
            SmsKeyword.OptOut => true,
            SmsKeyword.OptIn => false,
            _ => null,
        };
        var message = new InboundSms(p.MessageSid!, p.From!, p.To ?? "", p.Body ?? "", keyword == SmsKeyword.Other ? null : keyword.ToString())
        {
            ReceivedAt = receivedAt,
        };
        return stores.Sms.RecordInboundAsync(message, optOut, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS from {From} not answered: it has had its {Limit} automatic replies this hour")]
    private static partial void LogReplySuppressed(ILogger logger, string from, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS from {From}: {Keyword}")]
    private static partial void LogSms(ILogger logger, string from, SmsKeyword keyword);
}
