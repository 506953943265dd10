using System.Globalization;
using System.Text;

namespace Telephony.Bench;

/// <summary>The one table the benchmark prints (Markdown, so it can go into docs/benchmarks.md as it is).</summary>
internal sealed class Report
{
    private readonly List<string[]> rows = [];

    public void Add(string measure, string value, string baseline, string ratio, string target, bool? met) =>
        rows.Add([measure, value, baseline, ratio, target, met switch { true => "yes", false => "**no**", null => "" }]);

    public static string F(double value, string format = "N0") => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString(value < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";

    public static string Percent(double ratio) => double.IsNaN(ratio) ? "n/a" : (ratio * 100).ToString("F0", CultureInfo.InvariantCulture) + " %";

    public override string ToString()
    {
        string[] header = ["measure", "value", "baseline (same run)", "ratio", "target", "met"];
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", header.Length)));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }
}
