using Twilio.TwiML;

namespace Telephony.Core.Sms;

/// <summary>Answers inbound texts: opt-out and opt-in keywords, HELP, and an auto-reply.</summary>
public sealed class SmsReplyPolicy(SmsReplyOptions options)
{
    // Twilio's default opt-out keywords (REVOKE and OPTOUT included), so our records agree with
    // what Twilio enforces.
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
    };

    private static readonly HashSet<string> OptInWords = new(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    private static readonly string SilentTwiML = new MessagingResponse().ToString();

    private static readonly HashSet<string> HelpWords = new(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO" };

    /// <summary>Only a message that is exactly a keyword counts: "stop calling me" is a message, not an opt-out.</summary>
    public static SmsKeyword Classify(string? body)
    {
        var word = body?.Trim() ?? string.Empty;
        if (OptOutWords.Contains(word))
        {
            return SmsKeyword.OptOut;
        }

        if (OptInWords.Contains(word))
        {
            return SmsKeyword.OptIn;
        }

        return HelpWords.Contains(word) ? SmsKeyword.Help : SmsKeyword.Other;
    }

    public SmsReply Reply(string? body)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyword = Classify(body);
        var text = keyword switch
        {
            SmsKeyword.OptOut when options.ReplyToOptOutKeywords =>
                $"{options.CompanyName}: you are unsubscribed and will receive no more messages. Reply START to resubscribe.",
            SmsKeyword.OptIn when options.ReplyToOptOutKeywords =>
                $"{options.CompanyName}: you are subscribed again. Reply STOP to unsubscribe, HELP for help.",
            SmsKeyword.Help => $"{options.CompanyName}: {options.ContactLine}. Reply STOP to unsubscribe.",
            SmsKeyword.Other => options.AutoReply,
            _ => null,
        };

        var response = new MessagingResponse();
        var sends = !string.IsNullOrWhiteSpace(text);
        if (sends)
        {
            response.Message(text);
        }

        return new SmsReply(keyword, response.ToString(), sends);
    }

    /// <summary>
    /// The answer once the sender has had their automatic replies for the hour: an empty <c>&lt;Response/&gt;</c>, so two
    /// auto-responders cannot keep each other (and the bill) going. The keyword still counts (STOP still opts out).
    /// </summary>
    public static SmsReply Silent(SmsKeyword keyword) => new(keyword, SilentTwiML);
}
