using Telephony.Core.Alerts;

namespace Telephony.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly AlertThresholds Defaults = new();

    private static RuleResult Rule(AlertInputs inputs, string key, AlertThresholds? thresholds = null) =>
        AlertRules.Evaluate(inputs, thresholds ?? Defaults).Single(r => r.RuleKey == key);

    [Fact]
    public void A_quiet_system_fires_nothing_and_every_rule_gives_a_verdict()
    {
        var results = AlertRules.Evaluate(AlertInputs.Quiet, Defaults);

        Assert.Equal(AlertRules.All.Select(r => r.Key), results.Select(r => r.RuleKey));
        Assert.All(results, r => Assert.False(r.Firing));
        Assert.Equal(AlertRules.All.Select(r => r.Severity), results.Select(r => r.Severity));
    }

    [Theory]
    [InlineData(10, 0.89, true)]
    [InlineData(10, 0.9, false)] // exactly at the limit is not under it
    [InlineData(9, 0.0, false)] // too few finished calls to judge
    [InlineData(200, 0.5, true)]
    public void Call_success_rate_under_90_percent_needs_at_least_ten_calls(int calls, double rate, bool firing)
    {
        var result = Rule(AlertInputs.Quiet with { CallsInSuccessWindow = calls, CallSuccessRate = rate }, AlertRules.CallSuccessRate);

        Assert.Equal(firing, result.Firing);
        Assert.Equal(rate, result.Value);
    }

    [Fact]
    public void An_empty_call_window_does_not_fire_and_says_so()
    {
        var result = Rule(AlertInputs.Quiet, AlertRules.CallSuccessRate);

        Assert.False(result.Firing);
        Assert.Null(result.Value);
        Assert.Equal("No finished calls in the last 30 minutes.", result.Message);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void More_than_five_webhook_errors_in_a_minute_is_critical(int errors, bool firing) =>
        Assert.Equal(firing, Rule(AlertInputs.Quiet with { MaxWebhookErrorsPerMinute = errors }, AlertRules.WebhookErrorBurst).Firing);

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void More_than_thirty_bad_signatures_in_a_minute_is_a_warning(int failures, bool firing)
    {
        var result = Rule(AlertInputs.Quiet with { MaxSignatureFailuresPerMinute = failures }, AlertRules.SignatureFailures);

        Assert.Equal(firing, result.Firing);
        Assert.Equal(AlertSeverity.Warning, result.Severity);
        Assert.Equal(failures, result.Value);
        Assert.Equal($"{failures} requests with a bad Twilio signature in one minute (limit 30).", result.Message);
        Assert.Equal("Signature failures", AlertRules.TitleOf(AlertRules.SignatureFailures));
    }

    [Fact]
    public void The_success_rate_message_counts_finished_calls()
    {
        var result = Rule(AlertInputs.Quiet with { CallsInSuccessWindow = 12, CallSuccessRate = 0.5 }, AlertRules.CallSuccessRate);

        Assert.Equal("Call success rate 50 % over the last 30 minutes (12 finished calls; limit 90 %).", result.Message);
    }

    /// <summary>Each measured input, at its limit (quiet) and one step past it (its own rule fires, no other).</summary>
    [Theory]
    [InlineData(nameof(AlertInputs.CallSuccessRate), AlertRules.CallSuccessRate)]
    [InlineData(nameof(AlertInputs.CallsInSuccessWindow), AlertRules.CallSuccessRate)]
    [InlineData(nameof(AlertInputs.MaxWebhookErrorsPerMinute), AlertRules.WebhookErrorBurst)]
    [InlineData(nameof(AlertInputs.DatabaseFailures), AlertRules.DatabaseFailures)]
    [InlineData(nameof(AlertInputs.VoicemailBacklog), AlertRules.VoicemailBacklog)]
    [InlineData(nameof(AlertInputs.RateLimitViolationsLastHour), AlertRules.RateLimitViolations)]
    [InlineData(nameof(AlertInputs.MaxSignatureFailuresPerMinute), AlertRules.SignatureFailures)]
    [InlineData(nameof(AlertInputs.FailedTransactionsLastHour), AlertRules.FailedTransactions)]
    [InlineData(nameof(AlertInputs.AverageCallDurationSeconds), AlertRules.LongCalls)]
    public void Each_input_past_its_limit_fires_its_own_rule_and_no_other(string input, string rule)
    {
        var (atLimit, pastLimit) = AtAndPastLimit(input);

        Assert.Empty(Firing(atLimit));
        Assert.Equal([rule], Firing(pastLimit));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Any_database_failure_is_critical(int failures, bool firing)
    {
        var result = Rule(AlertInputs.Quiet with { DatabaseFailures = failures }, AlertRules.DatabaseFailures);

        Assert.Equal(firing, result.Firing);
        Assert.Equal(AlertSeverity.Critical, result.Severity);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void A_voicemail_backlog_over_ten_is_a_warning(int backlog, bool firing)
    {
        var result = Rule(AlertInputs.Quiet with { VoicemailBacklog = backlog }, AlertRules.VoicemailBacklog);

        Assert.Equal(firing, result.Firing);
        Assert.Equal(AlertSeverity.Warning, result.Severity);
        Assert.Equal("11 voicemails waiting (limit 10).", Rule(AlertInputs.Quiet with { VoicemailBacklog = 11 }, AlertRules.VoicemailBacklog).Message);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Over_fifty_rate_limit_violations_in_an_hour_is_a_warning(int violations, bool firing) =>
        Assert.Equal(firing, Rule(AlertInputs.Quiet with { RateLimitViolationsLastHour = violations }, AlertRules.RateLimitViolations).Firing);

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Over_five_failed_transactions_in_an_hour_is_a_warning(int failed, bool firing) =>
        Assert.Equal(firing, Rule(AlertInputs.Quiet with { FailedTransactionsLastHour = failed }, AlertRules.FailedTransactions).Firing);

    [Theory]
    [InlineData(null, false)]
    [InlineData(900.0, false)]
    [InlineData(900.5, true)]
    public void An_average_call_over_fifteen_minutes_is_a_warning(double? averageSeconds, bool firing) =>
        Assert.Equal(firing, Rule(AlertInputs.Quiet with { AverageCallDurationSeconds = averageSeconds }, AlertRules.LongCalls).Firing);

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var strict = new AlertThresholds
        {
            MinCallSuccessRate = 0.99, MinCallsForSuccessRate = 1, MaxWebhookErrorsPerMinute = 0, MaxVoicemailBacklog = 0,
            MaxRateLimitViolationsPerHour = 0, MaxFailedTransactionsPerHour = 0, MaxAverageCallDurationMinutes = 1, MaxSignatureFailuresPerMinute = 0,
        };
        var inputs = new AlertInputs(1, 0.95, 1, 0, 1, 1, 1, 61, 1);

        var firing = AlertRules.Evaluate(inputs, strict).Where(r => r.Firing).Select(r => r.RuleKey).ToList();

        Assert.Equal(AlertRules.All.Select(r => r.Key).Where(k => k != AlertRules.DatabaseFailures), firing);
    }

    private static List<string> Firing(AlertInputs inputs) =>
        AlertRules.Evaluate(inputs, Defaults).Where(r => r.Firing).Select(r => r.RuleKey).ToList();

    private static (AlertInputs AtLimit, AlertInputs PastLimit) AtAndPastLimit(string input)
    {
        var q = AlertInputs.Quiet;
        var enoughCalls = q with { CallsInSuccessWindow = 10 };
        return input switch
        {
            nameof(AlertInputs.CallSuccessRate) => (enoughCalls with { CallSuccessRate = 0.9 }, enoughCalls with { CallSuccessRate = 0.89 }),
            nameof(AlertInputs.CallsInSuccessWindow) => (q with { CallsInSuccessWindow = 9, CallSuccessRate = 0.5 }, q with { CallsInSuccessWindow = 10, CallSuccessRate = 0.5 }),
            nameof(AlertInputs.MaxWebhookErrorsPerMinute) => (q with { MaxWebhookErrorsPerMinute = 5 }, q with { MaxWebhookErrorsPerMinute = 6 }),
            nameof(AlertInputs.DatabaseFailures) => (q with { DatabaseFailures = 0 }, q with { DatabaseFailures = 1 }),
            nameof(AlertInputs.VoicemailBacklog) => (q with { VoicemailBacklog = 10 }, q with { VoicemailBacklog = 11 }),
            nameof(AlertInputs.RateLimitViolationsLastHour) => (q with { RateLimitViolationsLastHour = 50 }, q with { RateLimitViolationsLastHour = 51 }),
            nameof(AlertInputs.MaxSignatureFailuresPerMinute) => (q with { MaxSignatureFailuresPerMinute = 30 }, q with { MaxSignatureFailuresPerMinute = 31 }),
            nameof(AlertInputs.FailedTransactionsLastHour) => (q with { FailedTransactionsLastHour = 5 }, q with { FailedTransactionsLastHour = 6 }),
            nameof(AlertInputs.AverageCallDurationSeconds) => (q with { AverageCallDurationSeconds = 900 }, q with { AverageCallDurationSeconds = 900.5 }),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
        };
    }
}
