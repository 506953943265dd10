using Microsoft.Extensions.Options;
using Telephony.Data.Audit;
using Telephony.Data.Consent;
using Telephony.Data.Voicemail;

namespace Telephony.Web.Privacy;

/// <summary>
/// One retention pass: recordings past <c>Retention:RecordingDays</c> (one audit entry each), then consent ledger entries and
/// audit entries past their own, longer, retention (one summary audit entry each). Safe to run on several instances at once.
/// </summary>
public sealed partial class RetentionPurge(
    RecordingRetention recordings, RecordingDeletion deletion, ConsentLedger ledger, AdminAuditLog audit,
    IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurge> logger)
{
    private const int Batch = 200;

    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var recordingsDeleted = 0;
        var cutoff = now.AddDays(-o.RecordingDays);
        var seen = new HashSet<Guid>(); // a row that could not be deleted this pass (a concurrent change) is not tried again in a loop
        while (true)
        {
            var due = await recordings.ListExpiredAsync(cutoff, Batch, cancellationToken).ConfigureAwait(false);
            var fresh = due.Where(r => seen.Add(r.Id)).ToList();
            foreach (var recording in fresh)
            {
                if (await deletion.DeleteAsync(recording, RecordingDeleter.Retention, $"older than {o.RecordingDays} days (retention)", cancellationToken).ConfigureAwait(false))
                {
                    recordingsDeleted++;
                }
            }

            if (due.Count < Batch || fresh.Count == 0)
            {
                break;
            }
        }

        var consentDeleted = o.ConsentLedgerDays > 0 ? await ledger.PurgeAsync(now.AddDays(-o.ConsentLedgerDays), cancellationToken).ConfigureAwait(false) : 0;
        if (consentDeleted > 0)
        {
            await audit.RecordAsync(null, RecordingRetention.RetentionActor, "consent-ledger-purge", "consent ledger",
                $"{consentDeleted} entries older than {o.ConsentLedgerDays} days deleted", cancellationToken).ConfigureAwait(false);
        }

        var auditDeleted = o.AuditLogDays > 0 ? await audit.PurgeAsync(now.AddDays(-o.AuditLogDays), cancellationToken).ConfigureAwait(false) : 0;
        if (auditDeleted > 0)
        {
            await audit.RecordAsync(null, RecordingRetention.RetentionActor, "audit-log-purge", "audit log",
                $"{auditDeleted} entries older than {o.AuditLogDays} days deleted", cancellationToken).ConfigureAwait(false);
        }

        var result = new RetentionResult(recordingsDeleted, consentDeleted, auditDeleted);
        if (result != RetentionResult.Nothing)
        {
            LogPurged(logger, recordingsDeleted, consentDeleted, auditDeleted);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Recordings} recordings, {ConsentEntries} consent ledger entries, {AuditEntries} audit entries")]
    private static partial void LogPurged(ILogger logger, int recordings, int consentEntries, int auditEntries);
}

/// <summary>What one retention pass deleted.</summary>
public sealed record RetentionResult(int Recordings, int ConsentEntries, int AuditEntries)
{
    public static RetentionResult Nothing { get; } = new(0, 0, 0);
}
