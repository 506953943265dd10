namespace Telephony.Core.Alerts;

/// <summary>
/// What the rules look at, measured once per evaluation from the database. Rates are fractions (0..1) and null ("—")
/// on an empty window. An instance's own readiness is not here: the outage pager watches it without the database.
/// </summary>
/// <param name="CallsInSuccessWindow">Finished calls (offered and ended) in the call-success window; calls still in progress are not counted.</param>
/// <param name="CallSuccessRate">Call success rate over the finished calls of that window; null when none has finished.</param>
/// <param name="MaxWebhookErrorsPerMinute">
/// The most webhook failures (exceptions answered by the safety net, database failures, fallback-URL calls) in one clock
/// minute, the current or the last complete one. Signature failures and reconciliation notes are not failures.
/// </param>
/// <param name="DatabaseFailures">Webhook errors of kind DatabaseFailure in the database-failure window.</param>
/// <param name="VoicemailBacklog">Voicemails new or claimed.</param>
/// <param name="RateLimitViolationsLastHour">Rejected front-door calls in the last hour, all callers.</param>
/// <param name="FailedTransactionsLastHour">Provisioning transactions that failed in the last hour.</param>
/// <param name="AverageCallDurationSeconds">Average talk time of answered calls in the call window; null when none was answered.</param>
/// <param name="MaxSignatureFailuresPerMinute">The most requests with a bad Twilio signature in one clock minute, the current or the last complete one.</param>
public sealed record AlertInputs(
    int CallsInSuccessWindow,
    double? CallSuccessRate,
    int MaxWebhookErrorsPerMinute,
    int DatabaseFailures,
    int VoicemailBacklog,
    int RateLimitViolationsLastHour,
    int FailedTransactionsLastHour,
    double? AverageCallDurationSeconds,
    int MaxSignatureFailuresPerMinute)
{
    /// <summary>Everything quiet: no calls, no errors.</summary>
    public static AlertInputs Quiet { get; } = new(0, null, 0, 0, 0, 0, 0, null, 0);
}
