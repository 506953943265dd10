using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Voicemail;

/// <summary>Voicemails from Twilio's recording and transcription callbacks, and the audio-fetch bookkeeping.</summary>
public sealed class VoicemailStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>
    /// Creates the voicemail for a recording (idempotent on <c>RecordingSid</c>: Twilio may call twice, and the
    /// transcription may arrive first). Returns the voicemail's id.
    /// </summary>
    public async Task<Guid> UpsertRecordingAsync(RecordingInfo recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        for (var attempt = 1; ; attempt++)
        {
            var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var now = timeProvider.GetUtcNow();
                var voicemail = await db.Voicemails.FirstOrDefaultAsync(v => v.RecordingSid == recording.RecordingSid, cancellationToken).ConfigureAwait(false);
                var created = voicemail is null;
                if (voicemail is null)
                {
                    voicemail = new VoicemailMessage
                    {
                        Id = Guid.NewGuid(),
                        CallSid = recording.CallSid,
                        RecordingSid = recording.RecordingSid,
                        CreatedAt = recording.ReceivedAt ?? now,
                        NextFetchAt = now,
                    };
                    db.Voicemails.Add(voicemail);
                }

                if (voicemail.RecordingDeletedAt is not null)
                {
                    // A late or repeated callback must not bring back a recording that was deleted (retention, erasure).
                    return voicemail.Id;
                }

                voicemail.RecordingUrl = recording.RecordingUrl ?? voicemail.RecordingUrl;
                voicemail.DurationSeconds = recording.DurationSeconds ?? voicemail.DurationSeconds;
                if (recording.Transcript is not null)
                {
                    voicemail.Transcript = recording.Transcript.Length > 8000 ? recording.Transcript[..8000] : recording.Transcript;
                }

                voicemail.TranscriptStatus = recording.TranscriptStatus ?? voicemail.TranscriptStatus;
                if (created)
                {
                    var call = await db.Calls.FirstOrDefaultAsync(c => c.CallSid == recording.CallSid, cancellationToken).ConfigureAwait(false);
                    if (call is not null)
                    {
                        call.ReachedVoicemail = true;
                        call.Route = CallRoute.Voicemail;
                        call.UpdatedAt = now;
                        db.CallEvents.Add(new CallEvent { CallSid = call.CallSid, Kind = "voicemail", Detail = $"voicemail {recording.RecordingSid} saved", OccurredAt = now });
                    }
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return voicemail.Id;
                }
                catch (DbUpdateException e) when (attempt < 5 && (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e)))
                {
                    // Lost a race with the other callback for the same recording: read again and merge.
                }
            }
        }
    }

    /// <summary>Voicemails whose audio is still to be fetched and whose next attempt is due.</summary>
    public async Task<IReadOnlyList<PendingAudio>> ListDueFetchesAsync(int max, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Voicemails.AsNoTracking()
                .Where(v => v.AudioStatus == AudioStatus.Pending && v.NextFetchAt <= now && v.RecordingUrl != "")
                .OrderBy(v => v.NextFetchAt)
                .Take(max)
                .Select(v => new PendingAudio(v.Id, v.RecordingSid, v.RecordingUrl, v.FetchAttempts))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records the stored audio; false when the recording was deleted meanwhile (the caller then removes the file).</summary>
    public async Task<bool> MarkFetchedAsync(Guid id, string audioPath, CancellationToken cancellationToken)
    {
        var deleted = false;
        await UpdateAsync(id, v =>
        {
            if (v.RecordingDeletedAt is not null)
            {
                deleted = true;
                return;
            }

            v.AudioStatus = AudioStatus.Fetched;
            v.AudioPath = audioPath;
            v.FetchAttempts++;
            v.NextFetchAt = null;
            v.LastFetchError = null;
        }, cancellationToken).ConfigureAwait(false);
        return !deleted;
    }

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or marked failed (visible, never silently lost) when null.</summary>
    public Task MarkFetchFailedAsync(Guid id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(id, v =>
        {
            v.FetchAttempts++;
            v.LastFetchError = error.Length > 1000 ? error[..1000] : error;
            v.NextFetchAt = retryAt;
            v.AudioStatus = retryAt is null ? AudioStatus.Failed : AudioStatus.Pending;
        }, cancellationToken);

    public async Task<VoicemailMessage?> FindByRecordingAsync(string recordingSid, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Voicemails.AsNoTracking().FirstOrDefaultAsync(v => v.RecordingSid == recordingSid, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpdateAsync(Guid id, Action<VoicemailMessage> change, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var voicemail = await db.Voicemails.FirstOrDefaultAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
            if (voicemail is null)
            {
                return;
            }

            change(voicemail);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What a recording or transcription callback tells us about a voicemail.</summary>
public sealed record RecordingInfo(string CallSid, string RecordingSid)
{
    public string? RecordingUrl { get; init; }

    public int? DurationSeconds { get; init; }

    public string? Transcript { get; init; }

    public string? TranscriptStatus { get; init; }

    /// <summary>When the callback arrived, if not now (replayed from the journal, or found by reconciliation).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

/// <summary>A voicemail whose audio is to be fetched.</summary>
public sealed record PendingAudio(Guid Id, string RecordingSid, string RecordingUrl, int Attempts);
