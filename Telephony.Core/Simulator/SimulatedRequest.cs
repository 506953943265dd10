namespace Telephony.Core.Simulator;

/// <summary>One request the simulator made, what came back and which verbs it held.</summary>
/// <param name="IsCallback">True for status/recording/transcription callbacks (Twilio ignores their bodies).</param>
public sealed record SimulatedRequest(
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    bool IsCallback,
    int StatusCode,
    IReadOnlyList<SimulatedVerb> Verbs)
{
    /// <summary>The route, e.g. <c>/twilio/voice/menu</c>.</summary>
    public string Path => new Uri(Url).AbsolutePath;

    public string? Field(string name) => Form.FirstOrDefault(p => p.Key == name).Value;
}
