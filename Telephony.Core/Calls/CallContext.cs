using Telephony.Core.Consent;

namespace Telephony.Core.Calls;

/// <summary>
/// The call state that travels in the query string of every URL we hand Twilio (Twilio itself
/// is stateless); the web layer also persists it.
/// </summary>
public sealed record CallContext(CallLanguage Language = CallLanguage.English, ConsentState Consent = ConsentState.Unknown, int Attempt = 1)
{
    /// <summary>A fresh call at the front door: English, consent not yet established.</summary>
    public static CallContext NewCall { get; } = new();

    /// <summary>Rebuilds the context from the query values <c>lang</c>, <c>consent</c> and <c>attempt</c>.</summary>
    /// <remarks>Anything unreadable falls back to the safe default: English, consent unknown, first attempt.</remarks>
    public static CallContext FromQuery(string? lang, string? consent, string? attempt) => new(
        lang == "fr" ? CallLanguage.French : CallLanguage.English,
        ConsentPolicy.FromQuery(consent),
        attempt == "2" ? 2 : 1);

    public string LanguageCode => Language == CallLanguage.French ? "fr" : "en";
}
