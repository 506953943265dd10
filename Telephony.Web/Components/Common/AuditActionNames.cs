using Microsoft.Extensions.Localization;
using Telephony.Data.Settings;
using Telephony.Web.Localization;

namespace Telephony.Web.Components.Common;

/// <summary>
/// The audit log's action codes (<c>provisioning-release</c>, <c>user-create</c>, ...) as people read them, in the
/// current UI culture. The codes stay what is stored, filtered on and exported; an action this map does not know (a new
/// one, or an old row) reads as its code.
/// </summary>
public static class AuditActionNames
{
    private static readonly Lazy<IStringLocalizer> Instance = new(() => StaticLocalizer.For(typeof(AuditActionNames)));

    private static IStringLocalizer L => Instance.Value;

    public static string Of(string? action) => action switch
    {
        null or "" => "",
        "api-key-create" => L["API key created"],
        "api-key-revoke" => L["API key revoked"],
        "audit-export" => L["Audit log exported"],
        "audit-log-purge" => L["Audit log purged (retention)"],
        "caller-erase" => L["Caller's data erased"],
        "caller-export" => L["Caller's data exported"],
        "calls-export" => L["Calls exported"],
        "consent-export" => L["Consent ledger exported"],
        "consent-ledger-purge" => L["Consent ledger purged (retention)"],
        "errors-export" => L["Webhook log exported"],
        "journal-requeue" => L["Set-aside webhooks put back for replay"],
        "porting-create" => L["Porting request submitted"],
        "porting-move" => L["Porting request moved"],
        "provisioning-compensate" => L["Transaction compensation started"],
        "provisioning-onboard" => L["Tenant onboarding started"],
        "provisioning-provision" => L["Number purchase started"],
        "provisioning-reconfigure" => L["Webhook reconfiguration started"],
        "provisioning-release" => L["Number release started"],
        "provisioning-retry" => L["Transaction retried"],
        "recording-delete" => L["Recording deleted"],
        "recording-download" => L["Recording downloaded"],
        "recording-play" => L["Recording played"],
        "reports-export" => L["Report exported"],
        ThresholdStore.AuditAction => L["Setting changed"],
        "user-create" => L["User created"],
        "user-disable" => L["User disabled"],
        "user-enable" => L["User enabled"],
        "user-role-change" => L["User's role changed"],
        "voicemail-export" => L["Voicemails exported"],
        "wallboard-token-create" => L["Wallboard link created"],
        "wallboard-token-revoke" => L["Wallboard link revoked"],
        _ => action,
    };
}
