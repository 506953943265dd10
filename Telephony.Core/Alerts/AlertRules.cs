using System.Globalization;

namespace Telephony.Core.Alerts;

/// <summary>The alert rules as one pure function: inputs and thresholds in, one verdict per rule out.</summary>
public static class AlertRules
{
    public const string CallSuccessRate = "call-success-rate";
    public const string WebhookErrorBurst = "webhook-error-burst";
    public const string DatabaseFailures = "database-failures";
    public const string VoicemailBacklog = "voicemail-backlog";
    public const string RateLimitViolations = "rate-limit-violations";
    public const string SignatureFailures = "signature-failures";
    public const string FailedTransactions = "failed-transactions";
    public const string LongCalls = "long-calls";

    /// <summary>Every rule key with its severity and a title for people, in display order.</summary>
    public static IReadOnlyList<(string Key, AlertSeverity Severity, string Title)> All { get; } =
    [
        (CallSuccessRate, AlertSeverity.Critical, "Call success rate low"),
        (WebhookErrorBurst, AlertSeverity.Critical, "Webhook error burst"),
        (DatabaseFailures, AlertSeverity.Critical, "Database failures"),
        (VoicemailBacklog, AlertSeverity.Warning, "Voicemail backlog"),
        (RateLimitViolations, AlertSeverity.Warning, "Rate-limit violations"),
        (SignatureFailures, AlertSeverity.Warning, "Signature failures"),
        (FailedTransactions, AlertSeverity.Warning, "Failed transactions"),
        (LongCalls, AlertSeverity.Warning, "Long calls"),
    ];

    public static string TitleOf(string ruleKey) => All.FirstOrDefault(r => r.Key == ruleKey).Title ?? OutageConditions.TitleOf(ruleKey) ?? ruleKey;

    public static IReadOnlyList<RuleResult> Evaluate(AlertInputs inputs, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(thresholds);
        return
        [
            SuccessRate(inputs, thresholds),
            Critical(WebhookErrorBurst, inputs.MaxWebhookErrorsPerMinute, thresholds.MaxWebhookErrorsPerMinute,
                n => $"{n} webhook failures in one minute (limit {thresholds.MaxWebhookErrorsPerMinute})."),
            Critical(DatabaseFailures, inputs.DatabaseFailures, 0,
                n => $"{n} database failure(s) in the last {thresholds.DatabaseFailureWindowMinutes} minutes."),
            Warning(VoicemailBacklog, inputs.VoicemailBacklog, thresholds.MaxVoicemailBacklog,
                n => $"{n} voicemails waiting (limit {thresholds.MaxVoicemailBacklog})."),
            Warning(RateLimitViolations, inputs.RateLimitViolationsLastHour, thresholds.MaxRateLimitViolationsPerHour,
                n => $"{n} rate-limit violations in the last hour (limit {thresholds.MaxRateLimitViolationsPerHour})."),
            Warning(SignatureFailures, inputs.MaxSignatureFailuresPerMinute, thresholds.MaxSignatureFailuresPerMinute,
                n => $"{n} requests with a bad Twilio signature in one minute (limit {thresholds.MaxSignatureFailuresPerMinute})."),
            Warning(FailedTransactions, inputs.FailedTransactionsLastHour, thresholds.MaxFailedTransactionsPerHour,
                n => $"{n} failed transactions in the last hour (limit {thresholds.MaxFailedTransactionsPerHour})."),
            CallDuration(inputs, thresholds),
        ];
    }

    private static RuleResult SuccessRate(AlertInputs inputs, AlertThresholds thresholds)
    {
        var enoughCalls = inputs.CallsInSuccessWindow >= thresholds.MinCallsForSuccessRate;
        var firing = enoughCalls && inputs.CallSuccessRate is { } rate && rate < thresholds.MinCallSuccessRate;
        var message = inputs.CallSuccessRate is { } r
            ? $"Call success rate {Percent(r)} over the last {thresholds.CallWindowMinutes} minutes ({inputs.CallsInSuccessWindow} finished calls; limit {Percent(thresholds.MinCallSuccessRate)}" +
              (enoughCalls ? ")." : $", needs at least {thresholds.MinCallsForSuccessRate} finished calls).")
            : $"No finished calls in the last {thresholds.CallWindowMinutes} minutes.";
        return new RuleResult(CallSuccessRate, AlertSeverity.Critical, firing, inputs.CallSuccessRate, message);
    }

    private static RuleResult CallDuration(AlertInputs inputs, AlertThresholds thresholds)
    {
        var limitSeconds = thresholds.MaxAverageCallDurationMinutes * 60;
        var firing = inputs.AverageCallDurationSeconds is { } average && average > limitSeconds;
        var message = inputs.AverageCallDurationSeconds is { } a
            ? $"Answered calls in the last {thresholds.CallWindowMinutes} minutes last {Minutes(a / 60)} minutes on average (limit {Minutes(thresholds.MaxAverageCallDurationMinutes)})."
            : $"No answered calls in the last {thresholds.CallWindowMinutes} minutes.";
        return new RuleResult(LongCalls, AlertSeverity.Warning, firing, inputs.AverageCallDurationSeconds, message);
    }

    private static RuleResult Critical(string key, int value, int limit, Func<int, string> message) =>
        new(key, AlertSeverity.Critical, value > limit, value, message(value));

    private static RuleResult Warning(string key, int value, int limit, Func<int, string> message) =>
        new(key, AlertSeverity.Warning, value > limit, value, message(value));

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Minutes(double minutes) => minutes.ToString("0.#", CultureInfo.InvariantCulture);
}
