namespace Telephony.Data.Metrics.Reports;

/// <summary>
/// The figures of one bucket of a report (or of its whole range), <c>[From, To)</c>: the call metrics of the parent calls
/// created then, consent over those calls, and the callback SLA of the voicemails left then (METRICS.md).
/// </summary>
public sealed record ReportFigures(DateTimeOffset From, DateTimeOffset To, CallSuccessMetrics Calls, ConsentCounts Consent, CallbackSlaCounts Callbacks)
{
    /// <summary>Hang-ups before a person or voicemail, those in the menu included (the volume chart's "abandoned").</summary>
    public int AbandonedWithMenu => Calls.Abandoned + Calls.IvrAbandons;
}
