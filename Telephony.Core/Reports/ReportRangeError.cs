namespace Telephony.Core.Reports;

/// <summary>What is wrong with a report's address.</summary>
public enum ReportRangeProblem
{
    /// <summary><c>range</c> is not day, week, month or custom.</summary>
    UnknownRange,

    /// <summary><c>from</c> or <c>to</c> is not a date written as <c>2026-11-30</c>.</summary>
    NotADate,

    /// <summary>A custom range without <c>from</c> or <c>to</c>.</summary>
    CustomNeedsBothDates,

    /// <summary><c>to</c> is before <c>from</c>.</summary>
    EndsBeforeItStarts,

    /// <summary>Longer than <see cref="ReportRange.MaxDays"/> days.</summary>
    TooLong,
}

/// <summary>One bad parameter of a report's address (<paramref name="Parameter"/>: <c>range</c>, <c>from</c> or <c>to</c>).</summary>
public sealed record ReportRangeError(string Parameter, ReportRangeProblem Problem, string? Value)
{
    /// <summary>The problem in English, for the export's <c>400</c> problem.</summary>
    public string Describe() => Problem switch
    {
        ReportRangeProblem.UnknownRange => "One of: day, week, month, custom.",
        ReportRangeProblem.NotADate => $"'{Shorten(Value)}' is not a date written as {ReportRange.DateFormat} (e.g. 2026-11-30).",
        ReportRangeProblem.CustomNeedsBothDates => "A custom range needs both from and to.",
        ReportRangeProblem.EndsBeforeItStarts => "to is before from.",
        _ => $"A custom range is at most {ReportRange.MaxDays} days.",
    };

    private static string Shorten(string? value) => value is null ? "" : value.Length > 40 ? value[..40] + "…" : value;
}
