using Microsoft.Extensions.Localization;
using Telephony.Core.Provisioning;
using Telephony.Web.Localization;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Components.Common;

/// <summary>
/// Provisioning's codes as people read them, in the current UI culture: transaction kinds and step names (the sagas'),
/// the kebab-case statuses of transactions, steps and porting requests (<see cref="StatusNames"/>), and the statuses of
/// numbers and tenants. The codes stay what the API returns and the filters use; a code this map does not know reads as
/// itself.
/// </summary>
public static class ProvisioningNames
{
    private static readonly Lazy<IStringLocalizer> Instance = new(() => StaticLocalizer.For(typeof(ProvisioningNames)));

    private static IStringLocalizer L => Instance.Value;

    /// <summary>A transaction's kind: <c>onboard-tenant</c>, <c>release-number</c>, ...</summary>
    public static string Kind(string? kind) => kind switch
    {
        null => "",
        ProvisioningSagas.OnboardTenant => L["Tenant onboarding"],
        ProvisioningSagas.ProvisionNumber => L["Number purchase"],
        ProvisioningSagas.ReleaseNumber => L["Number release"],
        ProvisioningSagas.ReconfigureWebhooks => L["Webhook reconfiguration"],
        _ => kind,
    };

    /// <summary>A saga step's name: <c>create-subaccount</c>, <c>buy-number</c>, ...</summary>
    public static string Step(string? step) => step switch
    {
        null => "",
        ProvisioningSagas.CreateSubaccount => L["Create the Twilio subaccount"],
        ProvisioningSagas.BuyNumber => L["Buy the number"],
        ProvisioningSagas.ConfigureNumber => L["Configure the number's webhooks"],
        ProvisioningSagas.RecordTenant => L["Record the tenant"],
        ProvisioningSagas.RecordNumber => L["Record the number"],
        ProvisioningSagas.ReleaseTwilioNumber => L["Release the number at Twilio"],
        ProvisioningSagas.RecordRelease => L["Record the release"],
        ProvisioningSagas.ReconfigureNumbers => L["Point the numbers' webhooks here"],
        _ => step,
    };

    /// <summary>The status of a transaction, a step or a porting request (all kebab-case, as the API spells them).</summary>
    public static string Status(string? status) => status switch
    {
        null => "",
        "pending" => L["pending"],
        "running" => L["running"],
        "completed" => L["completed"],
        "failed" => L["failed"],
        "compensating" => L["compensating"],
        "compensated" => L["compensated"],
        "compensation-failed" => L["compensation failed"],
        "submitted" => L["submitted"],
        "in-review" => L["in review"],
        "approved" => L["approved"],
        "scheduled" => L["scheduled"],
        "rejected" => L["rejected"],
        "cancelled" => L["cancelled"],
        _ => status,
    };

    /// <summary>The status of a number or a tenant (<c>pending</c>, <c>active</c>, <c>released</c>).</summary>
    public static string AccountStatus(string? status) => status switch
    {
        null => "",
        "pending" => L["pending"],
        "active" => L["active"],
        "released" => L["released"],
        _ => status,
    };

    /// <summary>A number's webhook configuration (<c>pending</c>, <c>configured</c>, <c>misconfigured</c>).</summary>
    public static string Configuration(string? status) => status switch
    {
        null => "",
        "pending" => L["pending"],
        WebhookUrls.Configured => L["configured"],
        WebhookUrls.Misconfigured => L["misconfigured"],
        _ => status,
    };
}
