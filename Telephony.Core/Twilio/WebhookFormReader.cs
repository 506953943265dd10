using System.Globalization;
using Telephony.Core.Calls;
using Telephony.Core.Validation;

namespace Telephony.Core.Twilio;

/// <summary>
/// Reads fields from a Twilio form post. An absent or empty field is null; a present field that
/// fails validation is also null and its name is remembered as rejected. Never throws.
/// </summary>
internal sealed class WebhookFormReader
{
    /// <summary>Free text (transcripts, SMS bodies) longer than this is cut, not rejected.</summary>
    public const int MaxTextLength = 10_000;

    private const int MaxTokenLength = 64;
    private const int MaxUrlLength = 2048;

    private readonly Dictionary<string, string> fields = new(StringComparer.Ordinal);
    private readonly List<string> rejected = [];

    public WebhookFormReader(IEnumerable<KeyValuePair<string, string>>? form)
    {
        foreach (var (key, value) in form ?? [])
        {
            // Twilio sends each field once; if a forger repeats one, the first wins.
            if (key is not null && !string.IsNullOrEmpty(value))
            {
                fields.TryAdd(key, value);
            }
        }
    }

    public IReadOnlyList<string> Rejected => rejected;

    public string? Sid(string name, SidKind kind) => Check(name, v => TwilioSid.IsValid(v, kind));

    public string? Phone(string name) => Check(name, E164.IsValid);

    public string? Digits(string name) => Check(name, v => DtmfDigits.IsValid(v) || v == DtmfDigits.Hangup);

    public string? Token(string name, params string[] allowed) =>
        Check(name, v => allowed.Length == 0
            ? v.Length <= MaxTokenLength && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            : allowed.Contains(v, StringComparer.Ordinal));

    public string? Url(string name) =>
        Check(name, v => v.Length <= MaxUrlLength
            && Uri.TryCreate(v, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    public string? Text(string name) =>
        fields.TryGetValue(name, out var value) ? (value.Length > MaxTextLength ? value[..MaxTextLength] : value) : null;

    public int? Int(string name)
    {
        var raw = Check(name, v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        return raw is null ? null : int.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>Durations and sequence numbers: never negative.</summary>
    public int? NonNegativeInt(string name)
    {
        var raw = Check(name, v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        return raw is null ? null : int.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var raw = Check(name, v => Rfc1123Timestamp.TryParse(v, out _));
        return raw is not null && Rfc1123Timestamp.TryParse(raw, out var value) ? value : null;
    }

    public CallStatus? CallStatus(string name)
    {
        var raw = Check(name, v => CallStatusNames.TryParse(v, out CallStatus _));
        return raw is not null && CallStatusNames.TryParse(raw, out CallStatus value) ? value : null;
    }

    public DialCallStatus? DialCallStatus(string name)
    {
        var raw = Check(name, v => DialCallStatusNames.TryParse(v, out DialCallStatus _));
        return raw is not null && DialCallStatusNames.TryParse(raw, out DialCallStatus value) ? value : null;
    }

    private string? Check(string name, Func<string, bool> isValid)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return null;
        }

        if (isValid(value))
        {
            return value;
        }

        rejected.Add(name);
        return null;
    }
}
