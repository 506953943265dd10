namespace Telephony.Data.Consent;

/// <summary>What the caller's consent came to at one point of the call.</summary>
public enum ConsentDecision
{
    Granted,
    Withdrawn,

    /// <summary>Consent could not be established (error, unknown state): fail safe, nothing recorded.</summary>
    NotRecorded,
}
