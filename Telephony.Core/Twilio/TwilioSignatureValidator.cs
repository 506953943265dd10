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
    private readonly byte[] key;

    public TwilioSignatureValidator(string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        key = Encoding.UTF8.GetBytes(authToken);
    }

    /// <summary>Base64 HMAC-SHA1 over the URL followed by the sorted form parameters.</summary>
    public string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>>? form)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Sign(url, ParameterText(form));
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

        // The parameters are sorted once; only the URL differs between the variants.
        var parameters = ParameterText(form);
        var matched = false;
        foreach (var candidate in TwilioUrl.PortVariants(url))
        {
            // Every variant is checked so the time taken does not reveal which one matched.
            matched |= FixedTimeEquals(Sign(candidate, parameters), signature);
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
    internal static IReadOnlyList<KeyValuePair<string, string>> Canonicalise(IEnumerable<KeyValuePair<string, string>>? form)
    {
        if (form is null)
        {
            return [];
        }

        // Sorted by key, then value (ordinal), with a value repeated under the same key kept once: the same order as
        // grouping by key and sorting each key's distinct values, without the allocations of doing it that way.
        var pairs = form.Select(p => KeyValuePair.Create(p.Key, p.Value ?? string.Empty)).ToArray();
        Array.Sort(pairs, ByKeyThenValue);
        var kept = new List<KeyValuePair<string, string>>(pairs.Length);
        foreach (var pair in pairs)
        {
            if (kept.Count == 0 || ByKeyThenValue(kept[^1], pair) != 0)
            {
                kept.Add(pair);
            }
        }

        return kept;
    }

    private static int ByKeyThenValue(KeyValuePair<string, string> a, KeyValuePair<string, string> b)
    {
        var byKey = string.CompareOrdinal(a.Key, b.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
    }

    /// <summary>The sorted parameters as Twilio appends them to the URL: each key followed by its value.</summary>
    private static string ParameterText(IEnumerable<KeyValuePair<string, string>>? form)
    {
        var pairs = Canonicalise(form);
        var length = 0;
        foreach (var (key, value) in pairs)
        {
            length += key.Length + value.Length;
        }

        // Sized once: this runs for every webhook.
        var data = new StringBuilder(length);
        foreach (var (key, value) in pairs)
        {
            data.Append(key).Append(value);
        }

        return data.ToString();
    }

    private string Sign(string url, string parameters)
    {
        var length = Encoding.UTF8.GetByteCount(url) + Encoding.UTF8.GetByteCount(parameters);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(url, buffer);
            written += Encoding.UTF8.GetBytes(parameters, buffer.AsSpan(written));
            Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];

            // SHA-1 is Twilio's protocol choice, not ours; HMAC-SHA1 remains sound as a MAC.
#pragma warning disable CA5350
            HMACSHA1.HashData(key, buffer.AsSpan(0, written), hash);
#pragma warning restore CA5350
            return Convert.ToBase64String(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
