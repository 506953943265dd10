namespace Telephony.Core.Simulator;

/// <summary>How the simulator reaches the app: HTTP in the web host, an in-memory fake in unit tests.</summary>
public interface ITwilioTransport
{
    /// <summary>Posts a signed form, exactly as Twilio would (the signature goes in <c>X-Twilio-Signature</c>).</summary>
    Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct);
}
