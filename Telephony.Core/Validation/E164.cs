using System.Text.RegularExpressions;

namespace Telephony.Core.Validation;

/// <summary>E.164 phone numbers: a plus, a non-zero country digit, at most 15 digits in all.</summary>
public static partial class E164
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
