using System.Buffers;

namespace Telephony.Web.Exports;

/// <summary>
/// The one CSV writer every console export uses: RFC 4180 quoting, and spreadsheet formula injection neutralised (OWASP
/// "CSV injection"): a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return is prefixed with
/// <c>'</c>, so a spreadsheet shows it as text instead of evaluating it. The one exception is a whole E.164 number
/// (<c>+</c> and digits only), which a spreadsheet can only read as a number.
/// </summary>
public static class CsvWriter
{
    private const int MaxE164Digits = 15;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public static string Row(params string?[] cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsE164(text))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static bool IsE164(string text) =>
        text.Length is >= 2 and <= MaxE164Digits + 1 && text[0] == '+' && !text.AsSpan(1).ContainsAnyExcept(Digits);
}
