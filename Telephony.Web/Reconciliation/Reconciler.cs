using Microsoft.Extensions.Options;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.Voicemail;

namespace Telephony.Web.Reconciliation;

/// <summary>What one reconciliation run changed.</summary>
public sealed record ReconciliationResult(int CallsCreated, int CallsAdvanced, int VoicemailsCreated);

/// <summary>
/// Twilio does not retry a webhook it could not deliver, so a lost recording callback would be a lost voicemail. This
/// compares Twilio's recent calls and recordings with the database and creates what is missing, through the same
/// idempotent stores the webhooks use: running it twice, or a late callback after it, stores nothing twice.
/// </summary>
/// <remarks>
/// The voicemail rule: a <em>completed</em> recording whose source is <c>RecordVerb</c>. The hotline uses
/// <c>&lt;Record&gt;</c> only for voicemail; a recorded transfer is a <c>DialVerb</c> recording (kept on the call's
/// timeline, never a voicemail). Twilio attaches a recording to the parent leg, which is the caller's call.
/// </remarks>
public sealed partial class Reconciler(
    TwilioActivity twilio,
    CallStore calls,
    VoicemailStore voicemails,
    WebhookErrorStore log,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger)
{
    public async Task<ReconciliationResult> RunAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.Window;
        var created = 0;
        var advanced = 0;
        var listed = await twilio.CallsSinceAsync(since).ConfigureAwait(false);

        // A call still under way is its webhooks' business (they may be in flight); it is reconciled once it has ended.
        var unfinished = listed.Where(c => !Ended(c)).Select(c => c.Sid).ToHashSet(StringComparer.Ordinal);
        foreach (var call in listed.Where(Ended).OrderBy(c => c.ParentCallSid is not null))
        {
            switch (await ReconcileCallAsync(call, cancellationToken).ConfigureAwait(false))
            {
                case StatusApplyOutcome.Created:
                    created++;
                    await log.RecordAsync(WebhookErrorKind.Reconciled, "reconciliation", "call created from Twilio's call list (its webhooks never arrived)", cancellationToken, call.Sid).ConfigureAwait(false);
                    break;
                case StatusApplyOutcome.Applied:
                    advanced++;
                    break;
                default:
                    break;
            }
        }

        var voicemailsCreated = 0;
        foreach (var recording in await twilio.RecordingsSinceAsync(since).ConfigureAwait(false))
        {
            if (!IsVoicemail(recording) || unfinished.Contains(recording.CallSid) || await voicemails.FindByRecordingAsync(recording.Sid, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            // The same upsert the recording callback makes: it queues the audio fetch and marks the call.
            await voicemails.UpsertRecordingAsync(
                new RecordingInfo(recording.CallSid, recording.Sid)
                {
                    RecordingUrl = MediaUrl(recording.MediaUrl),
                    DurationSeconds = recording.Duration,
                    ReceivedAt = recording.DateCreated,
                },
                cancellationToken).ConfigureAwait(false);
            voicemailsCreated++;
            await log.RecordAsync(WebhookErrorKind.Reconciled, "reconciliation", $"voicemail {recording.Sid} created from Twilio's recording list (its callback never arrived)", cancellationToken, recording.CallSid).ConfigureAwait(false);
        }

        if (created + advanced + voicemailsCreated > 0)
        {
            LogReconciled(logger, created, advanced, voicemailsCreated);
        }

        return new ReconciliationResult(created, advanced, voicemailsCreated);
    }

    public static bool IsVoicemail(TwilioRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return string.Equals(recording.Source, "RecordVerb", StringComparison.OrdinalIgnoreCase)
            && string.Equals(recording.Status, "completed", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Ended(TwilioCall call) => CallStatusNames.TryParse(call.Status, out var status) && CallStatusNames.IsTerminal(status);

    // A missing call is created as it started, then moved to the status Twilio reports now; a known one only moves on.
    private async Task<StatusApplyOutcome> ReconcileCallAsync(TwilioCall call, CancellationToken ct)
    {
        if (!CallStatusNames.TryParse(call.Status, out var status))
        {
            return StatusApplyOutcome.Stale;
        }

        var start = call.StartTime ?? time.GetUtcNow();
        var first = Update(call, CallStatus.Initiated, start, null);
        var outcome = (await calls.FindAsync(call.Sid, ct).ConfigureAwait(false)) is null
            ? await calls.ApplyStatusAsync(first, ct).ConfigureAwait(false)
            : StatusApplyOutcome.Duplicate;
        if (status != CallStatus.Initiated)
        {
            var moved = await calls.ApplyStatusAsync(Update(call, status, call.EndTime ?? start, call.Duration), ct).ConfigureAwait(false);
            if (outcome != StatusApplyOutcome.Created && moved == StatusApplyOutcome.Applied)
            {
                outcome = StatusApplyOutcome.Applied;
            }
        }

        return outcome;
    }

    private static CallStatusUpdate Update(TwilioCall call, CallStatus status, DateTimeOffset at, int? duration) =>
        new(call.Sid, status, null, at, CallStatusNames.IsTerminal(status) ? duration : null)
        {
            ParentCallSid = call.ParentCallSid,
            From = call.From,
            To = call.To,
            Direction = call.Direction,
        };

    // The fetcher asks for "<RecordingUrl>.mp3", as it does with the callback's RecordingUrl (which has no extension).
    private static string? MediaUrl(string? url)
    {
        if (url is null)
        {
            return null;
        }

        foreach (var extension in (string[])[".json", ".mp3", ".wav"])
        {
            if (url.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return url[..^extension.Length];
            }
        }

        return url;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation with Twilio created {Calls} calls and {Voicemails} voicemails and moved {Advanced} calls on")]
    private static partial void LogReconciled(ILogger logger, int calls, int advanced, int voicemails);
}
