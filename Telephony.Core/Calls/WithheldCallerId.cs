namespace Telephony.Core.Calls;

/// <summary>
/// A caller who withheld their number. Carriers present it as <c>anonymous</c>, <c>+266696687</c> (the digits of
/// "anonymous" on a keypad), <c>Restricted</c>, <c>Unknown</c>, or no number at all. Such callers are not one person:
/// they share one rate limit per number they called (<see cref="RateLimitKey"/>), not a limit per caller.
/// </summary>
public static class WithheldCallerId
{
    /// <summary>What the call is stored with when Twilio sent no caller number.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>How people see such a caller (the console, the Errors page).</summary>
    public const string DisplayName = "Withheld caller ID";

    /// <summary>Rate-limit keys of withheld callers start with this, followed by the number they called.</summary>
    public const string KeyPrefix = "withheld:";

    private static readonly string[] Presentations = [Anonymous, "+266696687", "Restricted", "Unknown"];

    /// <summary>True when <paramref name="from"/> is no caller number: empty, or one of the carriers' placeholders (any case).</summary>
    public static bool IsWithheld(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return true;
        }

        var trimmed = from.AsSpan().Trim();
        foreach (var presentation in Presentations)
        {
            if (trimmed.Equals(presentation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The caller as stored with the call: the number Twilio sent, or <see cref="Anonymous"/> when it sent none.</summary>
    public static string CallerOf(string? from) => string.IsNullOrEmpty(from) ? Anonymous : from;

    /// <summary>
    /// The key the front door counts the call under: the caller's number, or, for a withheld caller ID, the number
    /// called (<paramref name="to"/>), so that every withheld caller to one number shares one allowance.
    /// </summary>
    public static string RateLimitKey(string? from, string? to) => IsWithheld(from) ? KeyPrefix + (to ?? "") : from!;

    /// <summary>True when a rate-limit key counts withheld callers (see <see cref="RateLimitKey"/>).</summary>
    public static bool IsWithheldKey(string? key) => key is not null && key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>The number a withheld-caller key counts calls to, or null for any other key.</summary>
    public static string? CalledNumberOf(string? key) => IsWithheldKey(key) ? key![KeyPrefix.Length..] : null;
}
