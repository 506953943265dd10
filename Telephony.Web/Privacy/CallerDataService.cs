using System.Security.Claims;
using Telephony.Core.Validation;
using Telephony.Data.Audit;
using Telephony.Data.Privacy;
using Telephony.Web.Auth;
using Telephony.Web.Provisioning;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Privacy;

/// <summary>Access and deletion requests for a caller's data (PIPEDA), by phone number: admins only, every request audited.</summary>
public sealed partial class CallerDataService(CallerDataStore store, VoicemailAudioStorage storage, AdminAuditLog audit, ILogger<CallerDataService> logger)
{
    public async Task<CallerDataExport?> ExportAsync(ClaimsPrincipal user, string phoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Admin) || !E164.IsValid(phoneNumber))
        {
            return null;
        }

        var export = await store.ExportAsync(phoneNumber, cancellationToken).ConfigureAwait(false);
        var actor = AdminActor.From(user);
        await audit.RecordAsync(actor.UserId, actor.Email, "caller-export", phoneNumber,
            $"{export.Calls.Count} calls, {export.Voicemails.Count} voicemails, {export.SmsMessages.Count} SMS, {export.ConsentLedger.Count} consent entries",
            cancellationToken).ConfigureAwait(false);
        return export;
    }

    /// <summary>Deletes the caller's recordings from disk, then erases their data in one audited transaction (the consent ledger stays).</summary>
    public async Task<CallerErasure?> EraseAsync(ClaimsPrincipal user, string phoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Admin) || !E164.IsValid(phoneNumber))
        {
            return null;
        }

        foreach (var sid in await store.ListRecordingSidsAsync(phoneNumber, cancellationToken).ConfigureAwait(false))
        {
            storage.Delete(sid);
        }

        var actor = AdminActor.From(user);
        var masked = PhoneMask.Mask(phoneNumber);
        var erasure = await store.EraseAsync(phoneNumber, masked, actor.UserId, actor.Email, cancellationToken).ConfigureAwait(false);
        LogErased(logger, masked, erasure.CallsAnonymised, erasure.VoicemailsErased, erasure.SmsMessagesErased);
        return erasure;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {Caller} erased: {Calls} calls anonymised, {Voicemails} voicemails, {Sms} SMS")]
    private static partial void LogErased(ILogger logger, string caller, int calls, int voicemails, int sms);
}
