using Telephony.Core.Consent;

namespace Telephony.Core.Calls;

/// <summary>Settings the call flow needs; bound from configuration by the web layer.</summary>
/// <param name="PublicBaseUrl">The public origin Twilio calls, e.g. https://hotline.example.com (no trailing slash needed).</param>
/// <param name="SalesNumber">E.164 number key 1 transfers to.</param>
/// <param name="SupportNumber">E.164 number key 2 transfers to.</param>
/// <param name="PromptVersion">Version of the consent disclosure the caller hears.</param>
public sealed record CallFlowOptions(
    string PublicBaseUrl,
    string SalesNumber,
    string SupportNumber,
    string PromptVersion = ConsentPolicy.PromptVersion)
{
    /// <summary>Seconds a transfer rings before going to voicemail.</summary>
    public const int DialTimeoutSeconds = 20;

    /// <summary>Twilio only transcribes recordings up to 120 seconds.</summary>
    public const int VoicemailMaxSeconds = 120;

    /// <summary>Seconds the menu waits for a key.</summary>
    public const int MenuTimeoutSeconds = 5;
}
