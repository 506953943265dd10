using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using CoreConsent = Telephony.Core.Consent;
using CoreRoute = Telephony.Core.Calls.CallRoute;
using DataRoute = Telephony.Data.Calls.CallRoute;

namespace Telephony.Web.Calls;

/// <summary>Stores what the call flow decided: the route, language, consent decisions, transfer and voicemail marks.</summary>
public sealed class CallEventRecorder(CallStore calls, ConsentStore consent)
{
    /// <summary>
    /// Stores <paramref name="events"/> (after <paramref name="first"/>, changes the route itself decided): consent
    /// decisions in the ledger, then every change of the call and its timeline with one read and one save.
    /// </summary>
    public async Task RecordAsync(string callSid, string caller, IReadOnlyList<CallFlowEvent> events, CancellationToken cancellationToken, params CallChange[] first)
    {
        ArgumentNullException.ThrowIfNull(events);
        List<CallChange> changes = [.. first];
        foreach (var e in events)
        {
            switch (e)
            {
                case RouteChosen chosen:
                    changes.Add(new("route", Describe(chosen.Route), (c, _) => c.Route = ToData(chosen.Route)));
                    break;
                case TransferStarted transfer:
                    changes.Add(CallChange.TransferStarted(ToData(transfer.Route)));
                    changes.Add(new("transfer", $"{Describe(transfer.Route)}, recording {(transfer.Recorded ? "on" : "off")}"));
                    break;
                case LanguageChanged language:
                    var code = language.Language == CallLanguage.French ? "fr" : "en";
                    changes.Add(new("language", code, (c, _) => c.Language = code));
                    break;
                case ConsentWithdrawn withdrawn:
                    await consent.RecordAsync(Entry(callSid, caller, ConsentDecision.Withdrawn, withdrawn.PromptVersion, withdrawn.Language, "dtmf-8"), cancellationToken).ConfigureAwait(false);
                    break;
                case ConsentDisclosed disclosed:
                    var (kind, detail) = Disclosure(disclosed);
                    changes.Add(new(kind, detail));
                    break;
                case VoicemailStarted:
                    changes.Add(CallChange.ReachedVoicemail);
                    break;
                case MenuRetry retry:
                    changes.Add(new("menu-retry", retry.Digits is null ? "no input" : "invalid key"));
                    break;
                case TransferEnded ended:
                    changes.Add(new("transfer-ended", ended.Status?.ToString() ?? "unknown"));
                    break;
                case FallbackUsed fallback:
                    changes.Add(new("fallback", $"Twilio error {fallback.ErrorCode}"));
                    break;
                default:
                    break;
            }
        }

        if (changes.Count > 0)
        {
            await calls.ApplyAsync(callSid, changes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The call events that are rows of their own and nothing more, so the front door can store them with the call.</summary>
    public static IReadOnlyList<(string Kind, string Detail)> EventRows(IReadOnlyList<CallFlowEvent> events) =>
        events is null ? [] : [.. events.OfType<ConsentDisclosed>().Select(Disclosure)];

    /// <summary>The caller stayed on the line after the disclosure: implied consent, stored before anything is recorded.</summary>
    public Task RecordImpliedConsentAsync(string callSid, string caller, string promptVersion, CallLanguage language, CancellationToken cancellationToken) =>
        consent.RecordAsync(Entry(callSid, caller, ConsentDecision.Granted, promptVersion, language, "disclosure-continued"), cancellationToken);

    private static ConsentEntry Entry(string callSid, string caller, ConsentDecision decision, string promptVersion, CallLanguage language, string method) =>
        new(callSid, caller, decision, promptVersion, language == CallLanguage.French ? "fr" : "en", CoreConsent.ConsentPolicy.Jurisdiction, method);

    private static (string Kind, string Detail) Disclosure(ConsentDisclosed disclosed) =>
        ("disclosure", $"prompt {disclosed.PromptVersion} ({(disclosed.Language == CallLanguage.French ? "fr" : "en")})");

    private static DataRoute ToData(CoreRoute route) => route switch
    {
        CoreRoute.Sales => DataRoute.Sales,
        CoreRoute.Support => DataRoute.Support,
        CoreRoute.Voicemail => DataRoute.Voicemail,
        _ => DataRoute.None,
    };

    private static string Describe(CoreRoute route) => route.ToString().ToLowerInvariant();
}
