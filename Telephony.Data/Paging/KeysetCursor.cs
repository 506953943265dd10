using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Telephony.Data.Paging;

/// <summary>
/// Where a newest-first page ended: the last row's time and its unique key. Encoded as an opaque base64url token, so clients
/// pass it back untouched and the next page starts strictly after it (no row missed or repeated while rows are added).
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset At, string Key)
{
    private const int MaxKeyLength = 64;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(At.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + Key));

    /// <summary>Reads a token made by <see cref="Encode"/>; false for anything else (edited, truncated, another format).</summary>
    public static bool TryDecode(string? token, out KeysetCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var key = text[(dot + 1)..];
        if (key.Length is 0 or > MaxKeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), key);
        return true;
    }
}
