using Microsoft.EntityFrameworkCore;
using Telephony.Core.Consent;
using Telephony.Data.Audit;
using Telephony.Data.RateLimiting;
using Telephony.Data.Voicemail;

namespace Telephony.Data.Privacy;

/// <summary>
/// A caller's data by phone number: the export answering an access request, and the erasure answering a deletion request.
/// Erasure anonymises the calls, tombstones the voicemails, blanks the SMS and drops rate-limit rows, but keeps the consent
/// ledger entries and the SMS opt-out (legal records: proof of what the caller agreed to, and a STOP that must keep holding).
/// </summary>
public sealed class CallerDataStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>What an erased caller number becomes on calls and SMS (not a phone number, so nothing matches it again).</summary>
    public const string ErasedNumber = "erased";

    private const int MaxRows = 100_000;

    public async Task<CallerDataExport> ExportAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var calls = await db.Calls.AsNoTracking().Where(c => c.From == phoneNumber).OrderBy(c => c.CreatedAt).Take(MaxRows)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var sids = calls.Select(c => c.CallSid).ToList();
            var events = (await db.CallEvents.AsNoTracking().Where(e => sids.Contains(e.CallSid)).OrderBy(e => e.Id)
                    .ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToLookup(e => e.CallSid);
            var voicemails = await db.Voicemails.AsNoTracking().Where(v => sids.Contains(v.CallSid)).OrderBy(v => v.CreatedAt)
                .Select(v => new CallerVoicemail(v.Id, v.CallSid, v.CreatedAt, v.DurationSeconds, v.Transcript, v.State, v.CallbackNote,
                    v.AudioStatus == AudioStatus.Fetched, v.RecordingDeletedAt))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var sms = await db.SmsMessages.AsNoTracking().Where(m => m.From == phoneNumber || m.To == phoneNumber).OrderBy(m => m.Id).Take(MaxRows)
                .Select(m => new CallerSms(m.MessageSid, m.ReceivedAt, m.Direction, m.From, m.To, m.Body, m.Keyword))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var consent = await db.ConsentRecords.AsNoTracking().Where(r => r.CallerNumber == phoneNumber).OrderBy(r => r.Id).Take(MaxRows)
                .Select(r => new CallerConsent(r.RecordedAt, r.CallSid, r.Decision, r.Method, r.PromptVersion, r.Language, r.Jurisdiction))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var optOut = await db.SmsOptOuts.AsNoTracking().Where(o => o.PhoneNumber == phoneNumber).Select(o => (bool?)o.OptedOut)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var violations = await db.RateLimitViolations.AsNoTracking().Where(v => v.CallerNumber == phoneNumber).OrderBy(v => v.Id).Take(MaxRows)
                .Select(v => v.At).ToListAsync(cancellationToken).ConfigureAwait(false);

            return new CallerDataExport(
                phoneNumber, timeProvider.GetUtcNow(),
                calls.Select(c => new CallerCall(c.CallSid, c.CreatedAt, c.EndedAt, c.To, c.Status, c.Route, c.Language, c.ConsentState, c.DurationSeconds,
                    events[c.CallSid].Select(e => new CallerCallEvent(e.OccurredAt, e.Kind, e.Detail)).ToList())).ToList(),
                voicemails, sms, consent, optOut, violations);
        }
    }

    /// <summary>The recordings an erasure of <paramref name="phoneNumber"/> will delete (the caller removes their files first).</summary>
    public async Task<IReadOnlyList<string>> ListRecordingSidsAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await (from v in db.Voicemails
                          join c in db.Calls on v.CallSid equals c.CallSid
                          where c.From == phoneNumber
                          select v.RecordingSid).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Erases <paramref name="phoneNumber"/>'s data in one transaction, with its audit entry (who asked, what was removed). The audit
    /// entry names the number masked: the log that proves the erasure must not keep what was erased.
    /// </summary>
    public async Task<CallerErasure> EraseAsync(string phoneNumber, string maskedNumber, string? userId, string? userEmail, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var now = timeProvider.GetUtcNow();
                var calls = await db.Calls.Where(c => c.From == phoneNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
                var sids = calls.Select(c => c.CallSid).ToList();
                var voicemails = await db.Voicemails.Where(v => sids.Contains(v.CallSid)).ToListAsync(cancellationToken).ConfigureAwait(false);
                foreach (var call in calls)
                {
                    call.From = ErasedNumber;
                    call.UpdatedAt = now;
                }

                foreach (var voicemail in voicemails)
                {
                    RecordingRetention.Tombstone(voicemail, "erasure", now);
                }

                var consentKept = await db.ConsentRecords.CountAsync(r => r.CallerNumber == phoneNumber, cancellationToken).ConfigureAwait(false);
                var erasure = new CallerErasure(maskedNumber, calls.Count, voicemails.Count, 0, 0, consentKept, voicemails.Select(v => v.RecordingSid).ToList());
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                var sms = await db.SmsMessages.Where(m => m.From == phoneNumber || m.To == phoneNumber)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Body, "")
                        .SetProperty(m => m.From, m => m.From == phoneNumber ? ErasedNumber : m.From)
                        .SetProperty(m => m.To, m => m.To == phoneNumber ? ErasedNumber : m.To), cancellationToken).ConfigureAwait(false);
                var rateLimit = await db.RateLimitViolations.Where(v => v.CallerNumber == phoneNumber).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false)
                    + await db.RateLimitCounters.Where(c => c.Key == phoneNumber || c.Key == RateLimitStore.SmsReplyPrefix + phoneNumber)
                        .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                erasure = erasure with { SmsMessagesErased = sms, RateLimitRowsDeleted = rateLimit };

                db.AdminAuditEntries.Add(AdminAuditLog.Entry(userId, userEmail, "caller-erase", maskedNumber,
                    $"{erasure.CallsAnonymised} calls anonymised, {erasure.VoicemailsErased} voicemails erased, {sms} SMS erased, "
                    + $"{rateLimit} rate-limit rows deleted; {consentKept} consent ledger entries kept", now));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return erasure;
            }
        }
    }
}
