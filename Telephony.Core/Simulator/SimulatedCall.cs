namespace Telephony.Core.Simulator;

/// <summary>The transcript of a simulated call.</summary>
public sealed record SimulatedCall(
    string CallSid,
    string AccountSid,
    SimulatedCallOutcome Outcome,
    int DurationSeconds,
    IReadOnlyList<SimulatedRequest> Requests)
{
    /// <summary>Every verb the app returned, in the order Twilio would have met them.</summary>
    public IEnumerable<SimulatedVerb> Verbs => Requests.SelectMany(r => r.Verbs);

    /// <summary>The routes requested, in order.</summary>
    public IEnumerable<string> Paths => Requests.Select(r => r.Path);

    public IEnumerable<SimulatedVerb> VerbsNamed(string name) => Verbs.Where(v => v.Name == name);
}
