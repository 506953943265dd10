using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;

namespace Telephony.Data.Seeding;

/// <summary>
/// The consent ledger a synthetic call's flow would have written, entry for entry as the menu webhook writes it. The
/// caller who stays on after the disclosure consents at the first menu answer, a few seconds in: a granted entry,
/// <c>disclosure-continued</c>, in the language of that menu (English: the front door speaks English first). A caller
/// who presses 8 withdraws: a withdrawn entry, <c>dtmf-8</c>, at that same answer in English, or at the next one after
/// switching to French. Calls with an unknown consent state (gone before the menu, blocked) have no entry.
/// </summary>
internal static class SyntheticConsent
{
    /// <summary>The welcome and the disclosure before the first menu answer; the Gather adds a few seconds.</summary>
    private const int MenuAfterSeconds = 6;

    /// <summary>From one menu answer to the next, for the caller who switches to French and then presses 8.</summary>
    private const int NextMenuSeconds = 5;

    /// <summary>The entries of <paramref name="call"/>, oldest first.</summary>
    public static IEnumerable<ConsentRecord> Records(Call call)
    {
        if (call.RateLimited || call.ConsentState == ConsentState.Unknown)
        {
            yield break;
        }

        yield return Entry(call, ConsentDecision.Granted, "en", "disclosure-continued", GrantedAt(call));
        if (call.ConsentState == ConsentState.Withdrawn)
        {
            yield return Entry(call, ConsentDecision.Withdrawn, call.Language, "dtmf-8", WithdrawnAt(call));
        }
    }

    /// <summary>
    /// The consent state <paramref name="call"/> holds at <paramref name="end"/>: a call still in progress may not have
    /// reached the menu yet (unknown), or not the menu at which it withdraws (granted).
    /// </summary>
    public static ConsentState StateAt(Call call, DateTimeOffset end) => call.ConsentState switch
    {
        ConsentState.Unknown => ConsentState.Unknown,
        _ when GrantedAt(call) > end => ConsentState.Unknown,
        ConsentState.Withdrawn when WithdrawnAt(call) > end => ConsentState.Granted,
        var state => state,
    };

    private static DateTimeOffset GrantedAt(Call call) =>
        Within(call, call.CreatedAt.AddSeconds(MenuAfterSeconds + ((call.Version.GetHashCode() & int.MaxValue) % 4)));

    private static DateTimeOffset WithdrawnAt(Call call) =>
        call.Language == "fr" ? Within(call, GrantedAt(call).AddSeconds(NextMenuSeconds)) : GrantedAt(call);

    // A caller who hangs up in the menu answered it before the end.
    private static DateTimeOffset Within(Call call, DateTimeOffset at) => call.EndedAt is { } ended && ended < at ? ended : at;

    private static ConsentRecord Entry(Call call, ConsentDecision decision, string language, string method, DateTimeOffset at) => new()
    {
        CallSid = call.CallSid,
        CallerNumber = WithheldCallerId.CallerOf(call.From),
        Decision = decision,
        PromptVersion = ConsentPolicy.PromptVersion,
        Language = language,
        Jurisdiction = ConsentPolicy.Jurisdiction,
        Method = method,
        RecordedAt = at,
    };
}
