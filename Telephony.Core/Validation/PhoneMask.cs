namespace Telephony.Core.Validation;

/// <summary>
/// Masks phone numbers for logs. Keeps the first four digits (country code and, for North
/// America, the area code: enough to see where calls come from) and the last four (enough for
/// support to match a caller), and stars the rest: "+14155550123" becomes "+1415***0123".
/// </summary>
public static class PhoneMask
{
    private const int KeepHead = 4;
    private const int KeepTail = 4;

    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "(none)";
        }

        if (!E164.IsValid(number))
        {
            // Not a phone number we understand (client:, sip:, "anonymous"): reveal nothing.
            return "***";
        }

        var digits = number[1..];
        if (digits.Length <= KeepHead + KeepTail)
        {
            // Too short to keep both ends without revealing most of it: keep only the last two.
            return "+" + new string('*', digits.Length - 2) + digits[^2..];
        }

        return "+" + digits[..KeepHead] + new string('*', digits.Length - KeepHead - KeepTail) + digits[^KeepTail..];
    }
}
