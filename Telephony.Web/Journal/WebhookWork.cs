using System.Globalization;
using Telephony.Core.Calls;
using Telephony.Core.Sms;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.Sms;
using Telephony.Data.Voicemail;
using Telephony.Web.Calls;
using Telephony.Core.Consent;

namespace Telephony.Web.Journal;

/// <summary>
/// The database work of each webhook, as one unit per route over the verified form and the context the answer was built
/// from. The webhook runs it within its time budget; the replayer runs the same unit later for a journaled webhook.
/// Every unit is idempotent on Twilio's identifiers (CallSid, SequenceNumber, RecordingSid, MessageSid), so running a
/// record twice stores nothing twice.
/// </summary>
public sealed class WebhookWork(
    CallFlow flow,
    SmsReplyPolicy smsPolicy,
    CallStore calls,
    CallWriter writer,
    CallEventRecorder recorder,
    VoicemailStore voicemails,
    SmsStore sms,
    WebhookErrorStore errors)
{
    /// <summary>Context key: the front door rejected the caller (rate limited).</summary>
    public const string RateLimited = "rateLimited";

    /// <summary>Context key: the voicemail route's <c>done</c> query value.</summary>
    public const string Done = "done";

    private const string Anonymous = "anonymous";

    public Task RunAsync(JournalRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Route switch
        {
            WebhookRoutes.FrontDoor => FrontDoorAsync(record, cancellationToken),
            WebhookRoutes.Menu => EventsAsync(record, (p, ctx) => flow.Menu(ctx, p.Digits), cancellationToken),
            WebhookRoutes.DialComplete => DialCompleteAsync(record, cancellationToken),
            WebhookRoutes.Voicemail => EventsAsync(record, (_, ctx) => record.Value(Done) == "1" ? CallFlow.VoicemailDone(ctx) : flow.Voicemail(ctx), cancellationToken),
            WebhookRoutes.Fallback => FallbackAsync(record, cancellationToken),
            WebhookRoutes.Status => StatusAsync(record, cancellationToken),
            WebhookRoutes.RecordingStatus => RecordingStatusAsync(record, cancellationToken),
            WebhookRoutes.Transcription => TranscriptionAsync(record, cancellationToken),
            WebhookRoutes.Sms => SmsAsync(record, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>The call context (language, consent, attempt) the answer used.</summary>
    public static CallContext Context(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return CallContext.FromQuery(record.Value("lang"), record.Value("consent"), record.Value("attempt"));
    }

    /// <summary>The call a front-door webhook stores, with the disclosure it heard; null without a CallSid.</summary>
    public NewCall? FrontDoorCall(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var p = Voice(record);
        return p.CallSid is null ? null : new NewCall(p.CallSid, p.AccountSid ?? "", p.From ?? Anonymous, p.To ?? "")
        {
            Direction = p.Direction ?? "inbound",
            ParentCallSid = p.ParentCallSid,
            At = record.ReceivedAt,
            Events = CallEventRecorder.EventRows(flow.FrontDoor().Events),
        };
    }

    private async Task FrontDoorAsync(JournalRecord record, CancellationToken ct)
    {
        if (FrontDoorCall(record) is not { } call)
        {
            return;
        }

        // One transaction: the call and the disclosure it heard (a rate-limited caller heard none).
        await calls.RecordFrontDoorAsync(record.Value(RateLimited) == "1" ? NewCall.Refused(call) : call, ct).ConfigureAwait(false);
    }

    private Task DialCompleteAsync(JournalRecord record, CancellationToken ct)
    {
        var p = Voice(record);
        if (p.CallSid is null)
        {
            return Task.CompletedTask;
        }

        // The dial result and what the flow decided from it, in one save.
        var status = p.DialCallStatus is { } s ? DialCallStatusNames.ToWire(s) : "unknown";
        var result = flow.DialComplete(Context(record), p.DialCallStatus);
        return recorder.RecordAsync(p.CallSid, p.From ?? Anonymous, result.Events, ct, CallChange.DialResult(status, p.DialCallDuration));
    }

    private async Task FallbackAsync(JournalRecord record, CancellationToken ct)
    {
        var p = Voice(record);
        await errors.RecordOnceAsync(
            WebhookErrorKind.TwilioError, WebhookRoutes.Fallback, "Twilio used the Voice Fallback URL", p.CallSid,
            p.ErrorCode?.ToString(CultureInfo.InvariantCulture), p.ErrorUrl, record.ReceivedAt, ct).ConfigureAwait(false);

        // The primary handler failed, so nothing about consent can be trusted (the same context the answer used).
        await EventsAsync(record, (payload, ctx) => flow.Fallback(ctx with { Consent = ConsentState.Unknown }, payload.ErrorCode, payload.ErrorUrl), ct).ConfigureAwait(false);
    }

    private async Task StatusAsync(JournalRecord record, CancellationToken ct)
    {
        var p = Voice(record);
        if (p.CallSid is null || p.CallStatus is not { } status)
        {
            return;
        }

        var update = new CallStatusUpdate(p.CallSid, status, p.SequenceNumber, p.Timestamp ?? record.ReceivedAt, p.CallDuration)
        {
            ParentCallSid = p.ParentCallSid,
            AccountSid = p.AccountSid,
            From = p.From,
            To = p.To,
            Direction = p.Direction,
        };
        await writer.ApplyAsync(update, ct).ConfigureAwait(false);
    }

    private async Task RecordingStatusAsync(JournalRecord record, CancellationToken ct)
    {
        var p = Voice(record);
        if (p.CallSid is null || p.RecordingSid is null || p.RecordingStatus != "completed")
        {
            return;
        }

        if (record.Field("RecordingSource") == "DialVerb")
        {
            // A recorded transfer (consent stood when the Dial was built); kept on the call's timeline.
            await writer.WriteAsync(CallWork.Changes(p.CallSid, [new CallChange(CallEventKinds.CallRecording, $"{p.RecordingSid} ({p.RecordingDuration ?? 0} s)")]), ct).ConfigureAwait(false);
            return;
        }

        var info = new RecordingInfo(p.CallSid, p.RecordingSid) { RecordingUrl = p.RecordingUrl, DurationSeconds = p.RecordingDuration, ReceivedAt = record.ReceivedAt };
        await voicemails.UpsertRecordingAsync(info, ct).ConfigureAwait(false);
    }

    private async Task TranscriptionAsync(JournalRecord record, CancellationToken ct)
    {
        var p = Voice(record);
        if (p.CallSid is null || p.RecordingSid is null)
        {
            return;
        }

        var info = new RecordingInfo(p.CallSid, p.RecordingSid)
        {
            RecordingUrl = p.RecordingUrl,
            Transcript = p.TranscriptionStatus == "completed" ? p.TranscriptionText : null,
            TranscriptStatus = p.TranscriptionStatus,
            ReceivedAt = record.ReceivedAt,
        };
        await voicemails.UpsertRecordingAsync(info, ct).ConfigureAwait(false);
    }

    private async Task SmsAsync(JournalRecord record, CancellationToken ct)
    {
        var p = SmsPayload.Parse(record.Form).Payload;
        if (p.MessageSid is null || p.From is null)
        {
            return;
        }

        var keyword = smsPolicy.Reply(p.Body).Keyword;
        bool? optOut = keyword switch
        {
            SmsKeyword.OptOut => true,
            SmsKeyword.OptIn => false,
            _ => null,
        };
        var message = new InboundSms(p.MessageSid, p.From, p.To ?? "", p.Body ?? "", keyword == SmsKeyword.Other ? null : keyword.ToString())
        {
            ReceivedAt = record.ReceivedAt,
        };
        await sms.RecordInboundAsync(message, optOut, ct).ConfigureAwait(false);
    }

    // The flow is pure: the same form and context give the same events the answer was built with.
    private Task EventsAsync(JournalRecord record, Func<VoicePayload, CallContext, FlowResult> decide, CancellationToken ct)
    {
        var p = Voice(record);
        if (p.CallSid is null)
        {
            return Task.CompletedTask;
        }

        var result = decide(p, Context(record));
        return result.Events.Count > 0 ? recorder.RecordAsync(p.CallSid, p.From ?? Anonymous, result.Events, ct) : Task.CompletedTask;
    }

    private static VoicePayload Voice(JournalRecord record) => VoicePayload.Parse(record.Form).Payload;

}
