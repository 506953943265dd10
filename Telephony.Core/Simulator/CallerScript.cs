namespace Telephony.Core.Simulator;

/// <summary>What the simulated caller (and the agent they are transferred to) does.</summary>
/// <param name="From">The caller's E.164 number.</param>
/// <param name="To">The hotline number dialled.</param>
public sealed record CallerScript(string From, string To)
{
    /// <summary>The key pressed at each Gather, in order; null (or running out) means no input.</summary>
    public IReadOnlyList<string?> Keys { get; init; } = [];

    /// <summary>Whether the transfer target picks up.</summary>
    public bool AgentAnswers { get; init; }

    /// <summary>Seconds the transfer rings before it is answered.</summary>
    public int RingSeconds { get; init; } = 6;

    /// <summary>Seconds the caller talks with the agent once answered.</summary>
    public int TalkSeconds { get; init; } = 45;

    /// <summary>Whether the caller speaks after the beep; false means they hang up at the prompt.</summary>
    public bool LeavesVoicemail { get; init; } = true;

    public int VoicemailSeconds { get; init; } = 14;

    public string VoicemailTranscript { get; init; } = "Hi, this is a test message. Please call me back.";
}
