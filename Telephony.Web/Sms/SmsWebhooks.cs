using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Sms;
using Telephony.Core.Twilio;
using Telephony.Web.Journal;
using Telephony.Web.Twilio;

namespace Telephony.Web.Sms;

/// <summary>Inbound SMS: STOP/START/HELP and an auto-reply; every message stored.</summary>
internal static partial class SmsWebhooks
{
    public static async Task<ContentHttpResult> ReplyAsync(HttpContext http, SmsReplyPolicy policy, WebhookGuard guard, ILogger<SmsReplyPolicy> logger)
    {
        var parsed = SmsPayload.Parse(TwilioForm.Of(http));
        TwilioForm.LogRejected(logger, http.Request.Path, parsed.RejectedFields);
        var p = parsed.Payload;
        var reply = policy.Reply(p.Body);
        if (p.MessageSid is not null && p.From is not null)
        {
            await guard.StoreAsync(http, WebhookRoutes.Sms, callSid: null).ConfigureAwait(false);
            var masked = TwilioForm.Mask(p.From);
            LogSms(logger, masked, reply.Keyword);
        }

        return TwiMLResults.Xml(reply.TwiML);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS from {From}: {Keyword}")]
    private static partial void LogSms(ILogger logger, string from, SmsKeyword keyword);
}
