using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>
/// The JSON bodies the webhooks receive: Slack-compatible <c>{ "text" }</c>, PagerDuty Events API v2, and a flat JSON
/// object for any other receiver.
/// </summary>
public static class AlertPayloads
{
    public static string For(AlertNotice notice, AlertWebhookOptions hook, string source)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(hook);
        return hook.Kind switch
        {
            AlertChannel.PagerDuty => PagerDuty(notice, hook.RoutingKey ?? "", source),
            AlertChannel.Webhook => Webhook(notice, source),
            _ => Slack(notice),
        };
    }

    public static string Slack(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var title = AlertRules.TitleOf(notice.RuleKey);
        var text = notice.Firing
            ? $"{(notice.Severity == AlertSeverity.Critical ? ":rotating_light:" : ":warning:")} *{notice.Severity.ToString().ToUpperInvariant()}* {title}: {notice.Message} ({notice.Reference}, fired {Time(notice.FiredAt)})"
            : $":white_check_mark: *RESOLVED* {title} ({notice.Reference}, fired {Time(notice.FiredAt)}, resolved {Time(notice.ResolvedAt ?? notice.FiredAt)})";
        return new JsonObject { ["text"] = text }.ToJsonString(Options);
    }

    /// <summary>An Events API v2 event: <c>trigger</c> on fire, <c>resolve</c> on resolution, both with the same <c>dedup_key</c>.</summary>
    public static string PagerDuty(AlertNotice notice, string routingKey, string source)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = notice.Firing ? "trigger" : "resolve",
            ["dedup_key"] = notice.DedupKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = Truncate($"{AlertRules.TitleOf(notice.RuleKey)}: {notice.Message}", 1024),
                ["severity"] = Severity(notice.Severity),
                ["source"] = source,
                ["timestamp"] = Time(notice.Firing ? notice.FiredAt : notice.ResolvedAt ?? notice.FiredAt),
                ["component"] = notice.RuleKey,
            },
        };
        return body.ToJsonString(Options);
    }

    /// <summary>A generic receiver's body: every fact of the notice under a plain name.</summary>
    public static string Webhook(AlertNotice notice, string source)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new JsonObject
        {
            ["event"] = notice.Firing ? "fire" : "resolve",
            ["rule"] = notice.RuleKey,
            ["title"] = AlertRules.TitleOf(notice.RuleKey),
            ["severity"] = Severity(notice.Severity),
            ["message"] = notice.Message,
            ["firedAt"] = Time(notice.FiredAt),
            ["resolvedAt"] = notice.ResolvedAt is { } at ? Time(at) : null,
            ["dedupKey"] = notice.DedupKey,
            ["reference"] = notice.Reference,
            ["source"] = source,
        };
        return body.ToJsonString(Options);
    }

    private static string Severity(AlertSeverity severity) => severity == AlertSeverity.Critical ? "critical" : "warning";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
}
