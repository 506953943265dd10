namespace Telephony.Data.Voicemail;

/// <summary>Whether the recording's audio has been copied from Twilio into the app's own storage.</summary>
public enum AudioStatus
{
    Pending,
    Fetched,
    Failed,

    /// <summary>Deleted (retention, an admin, an erasure request); never fetched again.</summary>
    Deleted,
}
