namespace Telephony.Data.Consent;

/// <summary>Whether recording consent stands for a call; unknown means nothing is recorded.</summary>
public enum ConsentState
{
    Unknown,
    Granted,
    Withdrawn,
}
