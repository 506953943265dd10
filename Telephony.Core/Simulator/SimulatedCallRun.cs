using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Telephony.Core.Twilio;
using Telephony.Core.Validation;

namespace Telephony.Core.Simulator;

/// <summary>The state of one call being played; used once.</summary>
internal sealed class SimulatedCallRun(
    TwilioSignatureValidator signer,
    string baseUrl,
    ITwilioTransport transport,
    SimulatorOptions options,
    DateTimeOffset startedAt,
    CallerScript script)
{
    // Rough time each verb takes, so durations and timestamps look like a real call's.
    private const int SaySeconds = 3;

    private readonly string callSid = CallSimulator.NewSid("CA");
    private readonly string accountSid = options.AccountSid ?? CallSimulator.NewSid("AC");
    private readonly List<SimulatedRequest> requests = [];
    private readonly Dictionary<string, int> sequence = new(StringComparer.Ordinal);
    private int elapsed;
    private int keyIndex;
    private int steps;
    private SimulatedCallOutcome outcome = SimulatedCallOutcome.Completed;

    /// <summary>What a verb means for the document being executed.</summary>
    private readonly record struct Next(bool Continue, (string Url, XDocument Doc)? Navigate)
    {
        public static Next Proceed => new(true, null);
        public static Next Stop => new(false, null);
    }

    public async Task<SimulatedCall> RunAsync(CancellationToken ct)
    {
        var current = await NavigateAsync(Route(TwilioRoutes.FrontDoor), CallForm("ringing"), ct);
        while (current is { } page)
        {
            current = await ExecuteAsync(page.Url, page.Doc, ct);
        }

        var finalStatus = outcome == SimulatedCallOutcome.Rejected ? "busy" : "completed";
        await CallbackAsync(Route(TwilioRoutes.Status), StatusForm(callSid, finalStatus, elapsed), ct);
        return new SimulatedCall(callSid, accountSid, outcome, elapsed, requests);
    }

    private async Task<(string Url, XDocument Doc)?> ExecuteAsync(string url, XDocument doc, CancellationToken ct)
    {
        foreach (var verb in doc.Root?.Elements() ?? [])
        {
            ct.ThrowIfCancellationRequested();
            var next = verb.Name.LocalName switch
            {
                "Gather" => await GatherAsync(url, verb, ct),
                "Redirect" => new Next(false, await NavigateAsync(Resolve(url, verb.Value.Trim()), CallForm("in-progress"), ct)),
                "Dial" => await DialAsync(url, verb, ct),
                "Record" => await RecordAsync(url, verb, ct),
                "Hangup" => Next.Stop,
                "Reject" => Reject(),
                _ => Spend(SaySeconds),
            };
            if (!next.Continue)
            {
                return next.Navigate;
            }
        }

        // Twilio hangs up when the document runs out.
        return null;
    }

    private async Task<Next> GatherAsync(string url, XElement gather, CancellationToken ct)
    {
        elapsed += SaySeconds;
        var key = keyIndex < script.Keys.Count ? script.Keys[keyIndex] : null;
        keyIndex++;
        if (string.IsNullOrEmpty(key))
        {
            // No input: Twilio waits out the timeout and falls through to the next verb.
            elapsed += AttributeInt(gather, "timeout") ?? 5;
            return Next.Proceed;
        }

        var action = Resolve(url, Attribute(gather, "action") ?? url);
        return new Next(false, await NavigateAsync(action, [.. CallForm("in-progress"), Pair("Digits", key)], ct));
    }

    private async Task<Next> DialAsync(string url, XElement dial, CancellationToken ct)
    {
        var number = dial.Element("Number")?.Value.Trim() ?? dial.Value.Trim();
        var childSid = CallSimulator.NewSid("CA");
        var statusUrl = Route(TwilioRoutes.Status);
        var answered = script.AgentAnswers;
        var talk = answered ? script.TalkSeconds : 0;

        await CallbackAsync(statusUrl, ChildForm(childSid, number, "initiated", 0), ct);
        await CallbackAsync(statusUrl, ChildForm(childSid, number, "ringing", 0), ct);
        if (answered)
        {
            elapsed += script.RingSeconds;
            await CallbackAsync(statusUrl, ChildForm(childSid, number, "in-progress", 0), ct);
            elapsed += talk;
            await CallbackAsync(statusUrl, ChildForm(childSid, number, "completed", talk), ct);
            await DialRecordingAsync(url, dial, talk, ct);
        }
        else
        {
            elapsed += AttributeInt(dial, "timeout") ?? 30;
            await CallbackAsync(statusUrl, ChildForm(childSid, number, "no-answer", 0), ct);
        }

        var action = Attribute(dial, "action");
        if (action is null)
        {
            // Without an action Twilio carries on with the verbs after the Dial.
            return Next.Proceed;
        }

        List<KeyValuePair<string, string>> form =
        [
            .. CallForm("in-progress"),
            Pair("DialCallStatus", answered ? "completed" : "no-answer"),
            Pair("DialCallSid", childSid),
            Pair("DialCallDuration", Int(talk)),
        ];
        return new Next(false, await NavigateAsync(Resolve(url, action), form, ct));
    }

    /// <summary>A recorded transfer produces a recording callback once the call ends.</summary>
    private async Task DialRecordingAsync(string url, XElement dial, int talkSeconds, CancellationToken ct)
    {
        var record = Attribute(dial, "record");
        var callback = Attribute(dial, "recordingStatusCallback");
        if (callback is null || record is null || !record.StartsWith("record-from", StringComparison.Ordinal))
        {
            return;
        }

        var recordingSid = CallSimulator.NewSid("RE");
        await CallbackAsync(Resolve(url, callback), [.. RecordingForm(recordingSid, talkSeconds), Pair("RecordingSource", "DialVerb"), Pair("RecordingChannels", "2")], ct);
    }

    private async Task<Next> RecordAsync(string url, XElement record, CancellationToken ct)
    {
        if (!script.LeavesVoicemail)
        {
            outcome = SimulatedCallOutcome.CallerHungUp;
            return Next.Stop;
        }

        var recordingSid = CallSimulator.NewSid("RE");
        var maxLength = AttributeInt(record, "maxLength") ?? 3600;
        var duration = Math.Min(script.VoicemailSeconds, maxLength);
        elapsed += duration;

        var action = Resolve(url, Attribute(record, "action") ?? url);
        List<KeyValuePair<string, string>> form =
        [
            .. CallForm("in-progress"),
            Pair("RecordingSid", recordingSid),
            Pair("RecordingUrl", RecordingUrl(recordingSid)),
            Pair("RecordingDuration", Int(duration)),
            Pair("Digits", "#"),
        ];
        var next = await NavigateAsync(action, form, ct);

        // Twilio sends these asynchronously after the recording is stored; the order here is theirs.
        if (Attribute(record, "recordingStatusCallback") is { } statusCallback)
        {
            await CallbackAsync(Resolve(url, statusCallback), [.. RecordingForm(recordingSid, duration), Pair("RecordingSource", "RecordVerb"), Pair("RecordingChannels", "1")], ct);
        }

        if (Attribute(record, "transcribe") == "true" && Attribute(record, "transcribeCallback") is { } transcribeCallback)
        {
            List<KeyValuePair<string, string>> transcription =
            [
                Pair("AccountSid", accountSid),
                Pair("CallSid", callSid),
                Pair("RecordingSid", recordingSid),
                Pair("RecordingUrl", RecordingUrl(recordingSid)),
                Pair("TranscriptionSid", CallSimulator.NewSid("TR")),
                Pair("TranscriptionText", script.VoicemailTranscript),
                Pair("TranscriptionStatus", "completed"),
                Pair("TranscriptionType", "fast"),
                Pair("From", script.From),
                Pair("To", script.To),
            ];
            await CallbackAsync(Resolve(url, transcribeCallback), transcription, ct);
        }

        return new Next(false, next);
    }

    private Next Reject()
    {
        outcome = SimulatedCallOutcome.Rejected;
        return Next.Stop;
    }

    private Next Spend(int seconds)
    {
        elapsed += seconds;
        return Next.Proceed;
    }

    /// <summary>A request whose TwiML Twilio would execute next; null when the call cannot go on.</summary>
    private async Task<(string Url, XDocument Doc)?> NavigateAsync(string url, List<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        if (++steps > options.MaxSteps)
        {
            outcome = SimulatedCallOutcome.StepLimitReached;
            return null;
        }

        var response = await transport.PostAsync(url, form, signer.ComputeSignature(url, form), ct);
        var doc = response.IsSuccess ? TryParse(response.Body) : null;
        var verbs = doc?.Root?.Elements().Select(ToVerb).ToList() ?? [];
        requests.Add(new SimulatedRequest(url, form, false, response.StatusCode, verbs));
        if (doc?.Root is not { Name.LocalName: "Response" })
        {
            // Twilio would play "an application error has occurred" and hang up.
            outcome = SimulatedCallOutcome.ApplicationError;
            return null;
        }

        return (url, doc);
    }

    private async Task CallbackAsync(string url, List<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        var response = await transport.PostAsync(url, form, signer.ComputeSignature(url, form), ct);
        requests.Add(new SimulatedRequest(url, form, true, response.StatusCode, []));
    }

    private List<KeyValuePair<string, string>> CallForm(string status) =>
    [
        Pair("AccountSid", accountSid),
        Pair("ApiVersion", "2010-04-01"),
        Pair("CallSid", callSid),
        Pair("CallStatus", status),
        Pair("Called", script.To),
        Pair("Caller", script.From),
        Pair("Direction", "inbound"),
        Pair("From", script.From),
        Pair("To", script.To),
    ];

    private List<KeyValuePair<string, string>> StatusForm(string callSid, string status, int duration) =>
    [
        .. CallForm(status).Where(p => p.Key != "CallSid"),
        Pair("CallSid", callSid),
        Pair("CallDuration", Int(duration)),
        Pair("CallbackSource", "call-progress-events"),
        Pair("SequenceNumber", Int(NextSequence(callSid))),
        Pair("Timestamp", Rfc1123Timestamp.Format(startedAt.AddSeconds(elapsed))),
    ];

    private List<KeyValuePair<string, string>> ChildForm(string childSid, string number, string status, int duration) =>
    [
        Pair("AccountSid", accountSid),
        Pair("ApiVersion", "2010-04-01"),
        Pair("CallSid", childSid),
        Pair("ParentCallSid", callSid),
        Pair("CallStatus", status),
        Pair("CallDuration", Int(duration)),
        Pair("CallbackSource", "call-progress-events"),
        Pair("Direction", "outbound-dial"),
        Pair("From", script.To),
        Pair("To", number),
        Pair("SequenceNumber", Int(NextSequence(childSid))),
        Pair("Timestamp", Rfc1123Timestamp.Format(startedAt.AddSeconds(elapsed))),
    ];

    private List<KeyValuePair<string, string>> RecordingForm(string recordingSid, int duration) =>
    [
        Pair("AccountSid", accountSid),
        Pair("CallSid", callSid),
        Pair("RecordingSid", recordingSid),
        Pair("RecordingUrl", RecordingUrl(recordingSid)),
        Pair("RecordingStatus", "completed"),
        Pair("RecordingDuration", Int(duration)),
        Pair("RecordingStartTime", Rfc1123Timestamp.Format(startedAt.AddSeconds(Math.Max(0, elapsed - duration)))),
    ];

    private string RecordingUrl(string recordingSid) => $"{options.AudioBaseUrl.TrimEnd('/')}/Recordings/{recordingSid}";

    private int NextSequence(string callSid)
    {
        var next = sequence.TryGetValue(callSid, out var n) ? n + 1 : 0;
        sequence[callSid] = next;
        return next;
    }

    private string Route(string route) => baseUrl + route;

    /// <summary>TwiML URLs may be relative to the document that holds them.</summary>
    private static string Resolve(string documentUrl, string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? target
            : new Uri(new Uri(documentUrl), target).ToString();

    private static XDocument? TryParse(string body)
    {
        try
        {
            return XDocument.Parse(body);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static SimulatedVerb ToVerb(XElement e) => new(
        e.Name.LocalName,
        e.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal),
        e.Value.Trim());

    private static string? Attribute(XElement e, string name) => e.Attribute(name)?.Value;

    private static int? AttributeInt(XElement e, string name) =>
        int.TryParse(Attribute(e, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string> Pair(string key, string value) => KeyValuePair.Create(key, value);
}
