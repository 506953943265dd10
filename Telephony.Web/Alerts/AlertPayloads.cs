using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>The JSON bodies the webhooks receive: Slack-compatible <c>{ "text" }</c> and PagerDuty Events API v2.</summary>
public static class AlertPayloads
{
    public static string For(DeliveryWork work, AlertWebhookOptions hook, string source)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(hook);
        return hook.Kind == AlertChannel.PagerDuty ? PagerDuty(work, hook.RoutingKey ?? "", source) : Slack(work);
    }

    public static string Slack(DeliveryWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var title = AlertRules.TitleOf(work.RuleKey);
        var text = work.Kind == AlertDeliveryKind.Fire
            ? $"{(work.Severity == AlertSeverity.Critical ? ":rotating_light:" : ":warning:")} *{work.Severity.ToString().ToUpperInvariant()}* {title}: {work.Message} (alert #{Id(work)}, fired {Time(work.FiredAt)})"
            : $":white_check_mark: *RESOLVED* {title} (alert #{Id(work)}, fired {Time(work.FiredAt)}, resolved {Time(work.ResolvedAt ?? work.FiredAt)})";
        return new JsonObject { ["text"] = text }.ToJsonString(Options);
    }

    /// <summary>
    /// An Events API v2 event: <c>trigger</c> on fire, <c>resolve</c> on resolution, both with the alert id as
    /// <c>dedup_key</c> so PagerDuty closes the incident the trigger opened.
    /// </summary>
    public static string PagerDuty(DeliveryWork work, string routingKey, string source)
    {
        ArgumentNullException.ThrowIfNull(work);
        var firing = work.Kind == AlertDeliveryKind.Fire;
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = firing ? "trigger" : "resolve",
            ["dedup_key"] = Id(work),
            ["payload"] = new JsonObject
            {
                ["summary"] = Truncate($"{AlertRules.TitleOf(work.RuleKey)}: {work.Message}", 1024),
                ["severity"] = work.Severity == AlertSeverity.Critical ? "critical" : "warning",
                ["source"] = source,
                ["timestamp"] = Time(firing ? work.FiredAt : work.ResolvedAt ?? work.FiredAt),
                ["component"] = work.RuleKey,
            },
        };
        return body.ToJsonString(Options);
    }

    private static string Id(DeliveryWork work) => work.AlertId.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
}
