using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Privacy;

/// <summary><c>Retention:*</c>: how long each kind of personal data is kept. Recordings go first; the legal records last.</summary>
public sealed class RetentionOptions
{
    /// <summary>Voicemail audio, transcripts and callback notes are deleted this many days after the voicemail arrived.</summary>
    [Range(1, 36_500)]
    public int RecordingDays { get; set; } = 90;

    /// <summary>Consent ledger entries are kept this long (7 years: evidence of consent for as long as a complaint can be brought); 0 keeps them forever.</summary>
    [Range(0, 36_500)]
    public int ConsentLedgerDays { get; set; } = 2555;

    /// <summary>Admin audit entries are kept this long; 0 keeps them forever.</summary>
    [Range(0, 36_500)]
    public int AuditLogDays { get; set; } = 2555;

    /// <summary>
    /// Calls (with their transfer legs and timelines), SMS messages, webhook log entries (the Errors page) and rate-limit
    /// violations are deleted this many days after they happened; the hourly rollups keep the calls' counts.
    /// </summary>
    [Range(1, 36_500)]
    public int CallDays { get; set; } = 730;

    /// <summary>
    /// Signature-failure summaries (one per source address and minute) go sooner: they are abuse noise, and a
    /// distributed flood writes many of them. Never longer than <see cref="CallDays"/>.
    /// </summary>
    [Range(1, 36_500)]
    public int SignatureFailureDays { get; set; } = 30;

    /// <summary>How often each instance runs the purge (purging twice, or on two instances at once, is harmless).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When a voicemail received at <paramref name="receivedAt"/> loses its recording.</summary>
    public DateTimeOffset RecordingExpiresAt(DateTimeOffset receivedAt) => receivedAt.AddDays(RecordingDays);
}
