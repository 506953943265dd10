namespace Telephony.Core.Simulator;

/// <summary>How a simulated call ended.</summary>
public enum SimulatedCallOutcome
{
    /// <summary>A Hangup, or the end of the TwiML.</summary>
    Completed,

    /// <summary>The app answered with Reject.</summary>
    Rejected,

    /// <summary>The app answered with an error status or TwiML Twilio could not read.</summary>
    ApplicationError,

    /// <summary>The step guard stopped a loop.</summary>
    StepLimitReached,

    /// <summary>The caller hung up (e.g. at the voicemail beep).</summary>
    CallerHungUp,
}
