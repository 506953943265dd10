using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Alerts;
using Telephony.Data.Audit;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Errors;
using Telephony.Data.Provisioning;
using Telephony.Data.RateLimiting;
using Telephony.Data.Settings;
using Telephony.Data.Voicemail;

namespace Telephony.Data.ChangeFeed;

/// <summary>Which entities the dashboards watch, and the notice each change makes.</summary>
internal static class EntityChangeNotices
{
    public static bool IsWatched(object entity) =>
        entity is Call or VoicemailMessage or ConsentRecord or WebhookError or RateLimitViolation or ProvisioningTransaction or Alert or PhoneNumber or AdminAuditEntry or StoredThreshold;

    /// <summary>The notice for <paramref name="entity"/>; read after the save so store-generated keys are known.</summary>
    public static ChangeNotice For(object entity, EntityState stateBeforeSave)
    {
        var notice = entity switch
        {
            Call c => new ChangeNotice(ChangeKinds.Call, c.CallSid, c.Status.ToString()),
            VoicemailMessage v => new ChangeNotice(ChangeKinds.Voicemail, v.Id.ToString(), v.State.ToString()),

            // Consent is looked at per call, so the call is the useful key.
            ConsentRecord r => new ChangeNotice(ChangeKinds.Consent, r.CallSid, r.Decision.ToString()),
            WebhookError e => new ChangeNotice(ChangeKinds.Error, Invariant(e.Id), e.Kind.ToString()),
            RateLimitViolation v => new ChangeNotice(ChangeKinds.Violation, Invariant(v.Id)),
            ProvisioningTransaction t => new ChangeNotice(ChangeKinds.Transaction, t.Id.ToString(), t.Status.ToString()),
            Alert a => new ChangeNotice(ChangeKinds.Alert, Invariant(a.Id), a.Status.ToString()),
            PhoneNumber n => new ChangeNotice(ChangeKinds.Number, n.Sid, n.Status),
            AdminAuditEntry a => new ChangeNotice(ChangeKinds.Audit, Invariant(a.Id), a.Action),
            StoredThreshold t => new ChangeNotice(ChangeKinds.Threshold, t.Key),
            _ => throw new ArgumentException($"{entity.GetType().Name} is not watched.", nameof(entity)),
        };
        return stateBeforeSave == EntityState.Deleted ? notice with { State = ChangeNotice.DeletedState } : notice;
    }

    private static string Invariant(long id) => id.ToString(CultureInfo.InvariantCulture);
}
