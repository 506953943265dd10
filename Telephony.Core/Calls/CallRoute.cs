namespace Telephony.Core.Calls;

/// <summary>Where a call was sent.</summary>
public enum CallRoute
{
    /// <summary>Not sent anywhere yet: the caller is in the menu, or left from it.</summary>
    None,
    Sales,
    Support,
    Voicemail,
}
