using System.Globalization;

namespace Telephony.Core.Validation;

/// <summary>
/// Parses Twilio's callback <c>Timestamp</c>. Twilio writes RFC 1123 dates with a numeric offset
/// ("Mon, 16 Aug 2010 03:45:01 +0000"), which the BCL's "r" format (GMT only) does not accept.
/// </summary>
public static class Rfc1123Timestamp
{
    private static readonly string[] Formats =
    [
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'",
        "ddd, dd MMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss zzz",
    ];

    public static bool TryParse(string? value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40)
        {
            return false;
        }

        var text = value.Trim();
        // "+0000" -> "+00:00" so "zzz" can read it.
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(
            text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }

    /// <summary>Formats the way Twilio does, so simulated callbacks look like real ones.</summary>
    public static string Format(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
