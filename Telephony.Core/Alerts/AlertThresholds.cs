using System.ComponentModel.DataAnnotations;

namespace Telephony.Core.Alerts;

/// <summary>The rules' limits (configuration section <c>Alerts</c>); the defaults are the documented ones.</summary>
public class AlertThresholds
{
    /// <summary>An instance pages on its own when one of its readiness conditions lasts this long (fractions for tests).</summary>
    [Range(0.01, 1440)]
    public double NotReadyMinutes { get; set; } = 5;

    /// <summary>Critical when the call success rate falls under this fraction...</summary>
    [Range(0.0, 1.0)]
    public double MinCallSuccessRate { get; set; } = 0.9;

    /// <summary>...over this many minutes...</summary>
    [Range(1, 1440)]
    public int CallWindowMinutes { get; set; } = 30;

    /// <summary>...with at least this many finished calls in the window (calls in progress do not count).</summary>
    [Range(1, 100_000)]
    public int MinCallsForSuccessRate { get; set; } = 10;

    /// <summary>Critical when one minute has more webhook failures (safety-net exceptions, database failures, fallback-URL calls) than this.</summary>
    [Range(0, 100_000)]
    public int MaxWebhookErrorsPerMinute { get; set; } = 5;

    /// <summary>Critical when a database failure was recorded in this many minutes.</summary>
    [Range(1, 1440)]
    public int DatabaseFailureWindowMinutes { get; set; } = 5;

    /// <summary>Warning when more voicemails than this wait.</summary>
    [Range(0, 100_000)]
    public int MaxVoicemailBacklog { get; set; } = 10;

    /// <summary>Warning when the last hour has more rate-limit violations than this.</summary>
    [Range(0, 1_000_000)]
    public int MaxRateLimitViolationsPerHour { get; set; } = 50;

    /// <summary>Warning when the last hour has more failed transactions than this.</summary>
    [Range(0, 100_000)]
    public int MaxFailedTransactionsPerHour { get; set; } = 5;

    /// <summary>Warning when one minute has more requests with a bad Twilio signature than this (abuse, not a failure of ours).</summary>
    [Range(0, 100_000)]
    public int MaxSignatureFailuresPerMinute { get; set; } = 30;

    /// <summary>Warning when the average answered call in the call window lasts longer than this.</summary>
    [Range(0.1, 1440)]
    public double MaxAverageCallDurationMinutes { get; set; } = 15;

    /// <summary>A copy to lay stored values over (of the same type; the thresholds are plain values).</summary>
    public AlertThresholds CopyThresholds() => (AlertThresholds)MemberwiseClone();
}
