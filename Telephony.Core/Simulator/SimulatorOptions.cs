namespace Telephony.Core.Simulator;

/// <summary>Knobs for the simulator that are not about the caller.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Account SID put on every request; a random one when null.</summary>
    public string? AccountSid { get; init; }

    /// <summary>Where simulated recordings live: RecordingUrl is <c>{AudioBaseUrl}/Recordings/{RecordingSid}</c>.</summary>
    public string AudioBaseUrl { get; init; } = "http://localhost:5000/simulator/2010-04-01/Accounts/simulated";

    /// <summary>Guard against TwiML that loops forever: at most this many TwiML fetches per call.</summary>
    public int MaxSteps { get; init; } = 30;
}
