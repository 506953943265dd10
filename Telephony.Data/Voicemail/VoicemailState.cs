namespace Telephony.Data.Voicemail;

/// <summary>Triage state; <see cref="New"/> and <see cref="Claimed"/> are the backlog.</summary>
public enum VoicemailState
{
    New,
    Claimed,
    CalledBack,
    Archived,
}
