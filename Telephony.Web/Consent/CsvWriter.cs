using System.Text;

namespace Telephony.Web.Consent;

/// <summary>RFC 4180 CSV, with spreadsheet formula injection neutralised (a cell that would start a formula is prefixed with ').</summary>
public static class CsvWriter
{
    public static string Row(params string?[] cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        var text = value ?? "";
        // E.164 numbers start with '+' and a digit; anything else that a spreadsheet would evaluate is defused.
        if (text.Length > 0 && (text[0] is '=' or '-' or '@' or '\t' or '\r' || (text[0] == '+' && (text.Length == 1 || !char.IsAsciiDigit(text[1])))))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static byte[] Utf8WithBom(StringBuilder csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
