namespace Telephony.Data.Metrics;

/// <summary>Where an inbound parent call ended up; every call falls in exactly one outcome.</summary>
public enum CallOutcome
{
    /// <summary>Rejected at the front door by the rate limiter: not offered.</summary>
    Blocked,

    /// <summary>Not over yet and no person or voicemail reached so far.</summary>
    InProgress,

    /// <summary>A transfer was answered (<c>DialCallStatus</c> = <c>completed</c>).</summary>
    Answered,

    /// <summary>A voicemail recording started.</summary>
    Voicemail,

    /// <summary>Hung up after the transfer started, before a person or voicemail.</summary>
    Abandoned,

    /// <summary>Hung up in the menu or consent prompt, before any transfer.</summary>
    IvrAbandoned,

    /// <summary>Hung up within <see cref="CallMetricsOptions.ShortAbandon"/> of starting to wait (call start, or ring start once transferred).</summary>
    ShortAbandon,
}
