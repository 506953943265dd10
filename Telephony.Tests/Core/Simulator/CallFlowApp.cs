using Telephony.Core.Calls;
using Telephony.Core.Simulator;
using Telephony.Core.Twilio;

namespace Telephony.Tests.Core.Simulator;

/// <summary>
/// The app as the simulator sees it, with no web host: verifies the signature like the real
/// endpoints must, then routes to the pure call flow. Proves the menu paths end to end in Core.
/// </summary>
internal sealed class CallFlowApp(string authToken, CallFlow flow) : ITwilioTransport
{
    private const string EmptyResponse = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response></Response>";

    private readonly TwilioSignatureValidator validator = new(authToken);

    public List<CallFlowEvent> Events { get; } = [];

    public int ForbiddenCount { get; private set; }

    /// <summary>When set, answers every request instead of the call flow.</summary>
    public Func<string, TwilioHttpResponse?>? Override { get; init; }

    public Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
    {
        if (!validator.Validate(absoluteUrl, form, signature))
        {
            ForbiddenCount++;
            return Task.FromResult(new TwilioHttpResponse(403, string.Empty));
        }

        if (Override?.Invoke(absoluteUrl) is { } overridden)
        {
            return Task.FromResult(overridden);
        }

        var uri = new Uri(absoluteUrl);
        var query = Calls.TwiML.Query(absoluteUrl);
        var ctx = CallContext.FromQuery(query.GetValueOrDefault("lang"), query.GetValueOrDefault("consent"), query.GetValueOrDefault("attempt"));
        var payload = VoicePayload.Parse(form).Payload;

        FlowResult? result = uri.AbsolutePath switch
        {
            "/twilio/voice/frontdoor" => flow.FrontDoor(),
            "/twilio/voice/menu" => flow.Menu(ctx, payload.Digits),
            "/twilio/voice/dial-complete" => flow.DialComplete(ctx, payload.DialCallStatus),
            "/twilio/voice/voicemail" when query.GetValueOrDefault("done") == "1" => CallFlow.VoicemailDone(ctx),
            "/twilio/voice/voicemail" => flow.Voicemail(ctx),
            "/twilio/voice/fallback" => flow.Fallback(ctx, payload.ErrorCode, payload.ErrorUrl),
            _ => null,
        };

        if (result is null)
        {
            return Task.FromResult(new TwilioHttpResponse(200, EmptyResponse));
        }

        Events.AddRange(result.Events);
        return Task.FromResult(new TwilioHttpResponse(200, result.TwiML));
    }
}
