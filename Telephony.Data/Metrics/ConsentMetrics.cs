namespace Telephony.Data.Metrics;

/// <summary>Consent over the offered calls created in <c>[From, To)</c>, in total and by day and language.</summary>
public sealed record ConsentMetrics(DateTimeOffset From, DateTimeOffset To, ConsentCounts Totals, IReadOnlyList<ConsentBreakdown> ByDayAndLanguage);
