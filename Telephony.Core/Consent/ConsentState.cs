namespace Telephony.Core.Consent;

/// <summary>What we know about a caller's consent to recording; stored by name on the call, and unknown means nothing is recorded.</summary>
public enum ConsentState
{
    /// <summary>No decision we can rely on (lost state, malformed input, storage error).</summary>
    Unknown,

    /// <summary>The caller heard the disclosure and stayed on the line without opting out.</summary>
    Granted,

    /// <summary>The caller pressed 8.</summary>
    Withdrawn,
}
