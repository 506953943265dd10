namespace Telephony.Core.Simulator;

/// <summary>One TwiML verb the app returned, with its attributes and text (e.g. the dialled number).</summary>
public sealed record SimulatedVerb(string Name, IReadOnlyDictionary<string, string> Attributes, string Text)
{
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}
