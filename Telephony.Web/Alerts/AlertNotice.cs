using System.Globalization;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>What one notification says, whichever outbox sends it: the database's or an instance's own outage pager.</summary>
/// <param name="RuleKey">The rule or outage condition.</param>
/// <param name="Severity">Critical or warning.</param>
/// <param name="Firing">True for a trigger, false for a resolve.</param>
/// <param name="Message">What was measured or seen.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved (resolve notices).</param>
/// <param name="DedupKey">PagerDuty's <c>dedup_key</c>: a resolve closes the incident its trigger opened.</param>
/// <param name="Reference">Where people find it: the alert's number, or the instance that paged.</param>
public sealed record AlertNotice(
    string RuleKey,
    AlertSeverity Severity,
    bool Firing,
    string Message,
    DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt,
    string DedupKey,
    string Reference)
{
    /// <summary>
    /// A notification from the database outbox. An outage condition resolved by hand keeps the condition's key, so the
    /// resolve closes the incident the instances opened.
    /// </summary>
    public static AlertNotice Of(DeliveryWork work, string source)
    {
        ArgumentNullException.ThrowIfNull(work);
        var id = work.AlertId.ToString(CultureInfo.InvariantCulture);
        return new AlertNotice(
            work.RuleKey,
            work.Severity,
            work.Kind == AlertDeliveryKind.Fire,
            work.Message,
            work.FiredAt,
            work.ResolvedAt,
            OutageConditions.IsCondition(work.RuleKey) ? OutageConditions.DedupKey(source, work.RuleKey) : id,
            $"alert #{id}");
    }
}
