namespace Telephony.Core.Calls;

/// <summary>Where a call was sent.</summary>
public enum CallRoute
{
    Sales,
    Support,
    Voicemail,
}
