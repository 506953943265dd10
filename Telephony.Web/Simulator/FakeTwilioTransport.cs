using Telephony.Core.Simulator;
using Telephony.Core.Validation;

namespace Telephony.Web.Simulator;

/// <summary>
/// Twilio's own books for simulated calls: every request the simulator sends is noted in <see cref="FakeTwilioState"/>
/// (the calls and recordings the fake REST API then lists) before it is delivered, and a voicemail recording callback
/// can be lost on the way, as a real one is when the app cannot be reached (Twilio does not retry).
/// </summary>
public sealed class FakeTwilioTransport(ITwilioTransport inner, FakeTwilioState state, TimeProvider time) : ITwilioTransport
{
    public Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(form);
        var fields = form.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        Note(fields);
        // The Record verb's action request (which carries RecordingSid but no status) is part of the call, not a callback.
        var isCallback = fields.ContainsKey("RecordingStatus") || fields.ContainsKey("TranscriptionStatus");
        if (isCallback && fields.TryGetValue("RecordingSid", out var recordingSid) && fields.GetValueOrDefault("RecordingSource") != "DialVerb"
            && state.DropsCallbackFor(recordingSid, firstCallback: fields.ContainsKey("RecordingStatus")))
        {
            return Task.FromResult(new TwilioHttpResponse(502, ""));
        }

        return inner.PostAsync(absoluteUrl, form, signature, ct);
    }

    private void Note(Dictionary<string, string> f)
    {
        var now = time.GetUtcNow();
        var callSid = f.GetValueOrDefault("CallSid");
        if (callSid is not null && f.TryGetValue("CallStatus", out var status))
        {
            var at = f.TryGetValue("Timestamp", out var stamp) && Rfc1123Timestamp.TryParse(stamp, out var parsed) ? parsed : now;
            var terminal = status is "completed" or "busy" or "no-answer" or "failed" or "canceled";
            state.RecordCall(new FakeCall(
                callSid,
                f.GetValueOrDefault("AccountSid") ?? "",
                f.GetValueOrDefault("ParentCallSid"),
                f.GetValueOrDefault("From") ?? "",
                f.GetValueOrDefault("To") ?? "",
                f.GetValueOrDefault("Direction") ?? "inbound",
                status,
                at,
                terminal ? at : null,
                terminal && int.TryParse(f.GetValueOrDefault("CallDuration"), out var duration) ? duration : null));
        }

        if (f.TryGetValue("RecordingSid", out var recordingSid) && f.GetValueOrDefault("RecordingStatus") == "completed" && callSid is not null)
        {
            state.RecordRecording(new FakeRecording(
                recordingSid,
                f.GetValueOrDefault("AccountSid") ?? "",
                callSid,
                f.GetValueOrDefault("RecordingSource") ?? "RecordVerb",
                int.TryParse(f.GetValueOrDefault("RecordingDuration"), out var seconds) ? seconds : 0,
                now,
                f.GetValueOrDefault("RecordingUrl") ?? ""));
        }
    }
}
