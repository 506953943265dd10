namespace Telephony.Data.Metrics;

/// <summary>Consent figures for the calls of one day (in the requested time zone) in one language.</summary>
public sealed record ConsentBreakdown(DateOnly Day, string Language, ConsentCounts Counts);
