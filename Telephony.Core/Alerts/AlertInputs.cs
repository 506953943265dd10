namespace Telephony.Core.Alerts;

/// <summary>
/// What the rules look at, measured once per evaluation. Rates are fractions (0..1) and null ("—") on an empty window.
/// </summary>
/// <param name="NotReadyFor">How long the readiness check has failed without a break; null while ready.</param>
/// <param name="CallsInSuccessWindow">Calls offered in the call-success window.</param>
/// <param name="CallSuccessRate">Call success rate over that window.</param>
/// <param name="MaxWebhookErrorsPerMinute">The most webhook errors in one clock minute (the current or the last complete one).</param>
/// <param name="DatabaseFailures">Webhook errors of kind DatabaseFailure in the database-failure window.</param>
/// <param name="VoicemailBacklog">Voicemails new or claimed.</param>
/// <param name="RateLimitViolationsLastHour">Rejected front-door calls in the last hour, all callers.</param>
/// <param name="FailedTransactionsLastHour">Provisioning transactions that failed in the last hour.</param>
/// <param name="AverageCallDurationSeconds">Average talk time of answered calls in the call window; null when none was answered.</param>
public sealed record AlertInputs(
    TimeSpan? NotReadyFor,
    int CallsInSuccessWindow,
    double? CallSuccessRate,
    int MaxWebhookErrorsPerMinute,
    int DatabaseFailures,
    int VoicemailBacklog,
    int RateLimitViolationsLastHour,
    int FailedTransactionsLastHour,
    double? AverageCallDurationSeconds)
{
    /// <summary>Everything quiet: ready, no calls, no errors.</summary>
    public static AlertInputs Quiet { get; } = new(null, 0, null, 0, 0, 0, 0, 0, null);
}
