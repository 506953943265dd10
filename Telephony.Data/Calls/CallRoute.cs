namespace Telephony.Data.Calls;

/// <summary>Where the menu sent the caller.</summary>
public enum CallRoute
{
    None,
    Sales,
    Support,
    Voicemail,
}
