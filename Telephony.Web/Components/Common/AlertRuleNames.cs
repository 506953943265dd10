using Microsoft.Extensions.Localization;
using Telephony.Core.Alerts;
using Telephony.Web.Localization;

namespace Telephony.Web.Components.Common;

/// <summary>
/// Alert rule and outage condition keys as the console reads them, in the current UI culture. Slack and PagerDuty keep
/// Core's English titles (<see cref="AlertRules.TitleOf"/>); a key this map does not know reads as Core's title, which
/// is the key itself for one Core does not know either.
/// </summary>
public static class AlertRuleNames
{
    private static readonly Lazy<IStringLocalizer> Instance = new(() => StaticLocalizer.For(typeof(AlertRuleNames)));

    private static IStringLocalizer L => Instance.Value;

    public static string Of(string? ruleKey) => ruleKey switch
    {
        null => "",
        AlertRules.CallSuccessRate => L["Call success rate low"],
        AlertRules.WebhookErrorBurst => L["Webhook error burst"],
        AlertRules.DatabaseFailures => L["Database failures"],
        AlertRules.VoicemailBacklog => L["Voicemail backlog"],
        AlertRules.RateLimitViolations => L["Rate-limit violations"],
        AlertRules.SignatureFailures => L["Signature failures"],
        AlertRules.FailedTransactions => L["Failed transactions"],
        AlertRules.LongCalls => L["Long calls"],
        OutageConditions.DatabaseUnreachable => L["Database unreachable"],
        OutageConditions.JournalNotDraining => L["Journal not draining"],
        OutageConditions.ChangeFeedDown => L["Change feed down"],
        _ => AlertRules.TitleOf(ruleKey),
    };
}
