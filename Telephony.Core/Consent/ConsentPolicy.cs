namespace Telephony.Core.Consent;

/// <summary>Decides whether a call may be recorded. Fails safe: anything uncertain means no.</summary>
public static class ConsentPolicy
{
    /// <summary>Version of the disclosure wording; stored with every decision.</summary>
    public const string PromptVersion = "2026-11-consent-v1";

    /// <summary>The regime the disclosure was written for; stored with every decision.</summary>
    public const string Jurisdiction = "CA-PIPEDA";

    /// <summary>
    /// Recording is allowed only when consent is positively known to stand and nothing went wrong
    /// while establishing it (e.g. the ledger could not be read or written).
    /// </summary>
    public static bool MayRecord(ConsentState state, bool hadErrors = false) =>
        !hadErrors && state == ConsentState.Granted;

    /// <summary>
    /// The consent a step may act on: the state carried in the call's URLs stands only when the stored state confirms it,
    /// and a withdrawal on either side wins (a URL can be replayed or stale; the ledger cannot be talked into a grant).
    /// </summary>
    public static ConsentState Effective(ConsentState carried, ConsentState stored) => (carried, stored) switch
    {
        (_, ConsentState.Withdrawn) or (ConsentState.Withdrawn, _) => ConsentState.Withdrawn,
        (ConsentState.Granted, ConsentState.Granted) => ConsentState.Granted,
        _ => ConsentState.Unknown,
    };

    /// <summary>Reads the <c>consent</c> query value the call flow carries between webhooks.</summary>
    public static ConsentState FromQuery(string? value) => value switch
    {
        "1" => ConsentState.Granted,
        "0" => ConsentState.Withdrawn,
        _ => ConsentState.Unknown,
    };

    /// <summary>The query value for a state; null for unknown so it is simply left out.</summary>
    public static string? ToQuery(ConsentState state) => state switch
    {
        ConsentState.Granted => "1",
        ConsentState.Withdrawn => "0",
        _ => null,
    };
}
