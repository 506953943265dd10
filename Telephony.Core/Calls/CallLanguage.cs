namespace Telephony.Core.Calls;

/// <summary>Languages the hotline speaks; the query value is the ISO code.</summary>
public enum CallLanguage
{
    English,
    French,
}
