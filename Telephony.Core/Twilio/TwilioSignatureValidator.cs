using System.Security.Cryptography;
using System.Text;

namespace Telephony.Core.Twilio;

/// <summary>
/// Verifies and computes <c>X-Twilio-Signature</c> the way Twilio computes it. Unlike the SDK's
/// <c>RequestValidator</c>, repeated keys follow Twilio's rule (duplicate values dropped, the rest
/// sorted) and the URL's case is never normalised (Twilio signs the host as configured).
/// </summary>
public sealed class TwilioSignatureValidator
{
    private readonly byte[] _key;

    public TwilioSignatureValidator(string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        _key = Encoding.UTF8.GetBytes(authToken);
    }

    /// <summary>Base64 HMAC-SHA1 over the URL followed by the sorted form parameters.</summary>
    public string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>>? form)
    {
        ArgumentNullException.ThrowIfNull(url);
        var data = new StringBuilder(url);
        foreach (var (key, value) in Canonicalise(form))
        {
            data.Append(key).Append(value);
        }

        // SHA-1 is Twilio's protocol choice, not ours; HMAC-SHA1 remains sound as a MAC.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(_key, Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>True when <paramref name="signature"/> matches the form post to <paramref name="url"/>.</summary>
    /// <remarks>
    /// Twilio may sign with or without the scheme's default port depending on how the number was
    /// configured, so both spellings of the URL are tried.
    /// </remarks>
    public bool Validate(string url, IEnumerable<KeyValuePair<string, string>>? form, string? signature)
    {
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var pairs = form?.ToList() ?? [];
        var matched = false;
        foreach (var candidate in TwilioUrl.PortVariants(url))
        {
            // Every variant is checked so the time taken does not reveal which one matched.
            matched |= FixedTimeEquals(ComputeSignature(candidate, pairs), signature);
        }

        return matched;
    }

    /// <summary>
    /// Validates a JSON-body request: only the URL (which carries <c>bodySHA256</c>) is signed, and
    /// the body's SHA-256 hex digest must equal that query value.
    /// </summary>
    public bool ValidateJsonBody(string url, string body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ValidateJsonBody(url, Encoding.UTF8.GetBytes(body), signature);
    }

    /// <inheritdoc cref="ValidateJsonBody(string, string, string?)"/>
    public bool ValidateJsonBody(string url, ReadOnlySpan<byte> body, string? signature)
    {
        var expected = TwilioUrl.QueryValue(url, "bodySHA256");
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        var bodyMatches = FixedTimeEquals(actual, expected.ToLowerInvariant());
        var urlMatches = Validate(url, null, signature);
        return bodyMatches & urlMatches;
    }

    /// <summary>Twilio's ordering: keys ordinal, then each key's distinct values ordinal.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Canonicalise(IEnumerable<KeyValuePair<string, string>>? form)
    {
        if (form is null)
        {
            return [];
        }

        return form
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g
                .Select(p => p.Value ?? string.Empty)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(v => v, StringComparer.Ordinal)
                .Select(v => KeyValuePair.Create(g.Key, v)));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
