using Telephony.Core.Validation;

namespace Telephony.Core.Twilio;

/// <summary>The fields of an inbound SMS webhook we act on.</summary>
public sealed record SmsPayload
{
    public string? MessageSid { get; init; }
    public string? AccountSid { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Body { get; init; }

    /// <summary>Parses a form post; invalid values become null and are named in the result.</summary>
    public static ParsedPayload<SmsPayload> Parse(IEnumerable<KeyValuePair<string, string>>? form)
    {
        var r = new WebhookFormReader(form);
        var payload = new SmsPayload
        {
            MessageSid = r.Sid(nameof(MessageSid), SidKind.Message),
            AccountSid = r.Sid(nameof(AccountSid), SidKind.Account),
            From = r.Phone(nameof(From)),
            To = r.Phone(nameof(To)),
            Body = r.Text(nameof(Body)),
        };
        return new ParsedPayload<SmsPayload>(payload, r.Rejected);
    }
}
