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
    public async Task RecordAsync(string callSid, string caller, IReadOnlyList<CallFlowEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            switch (e)
            {
                case RouteChosen chosen:
                    await calls.UpdateAsync(callSid, "route", Describe(chosen.Route), (c, _) => c.Route = ToData(chosen.Route), cancellationToken).ConfigureAwait(false);
                    break;
                case TransferStarted transfer:
                    await calls.RecordTransferStartedAsync(callSid, ToData(transfer.Route), cancellationToken).ConfigureAwait(false);
                    await calls.AddEventAsync(callSid, "transfer", $"{Describe(transfer.Route)}, recording {(transfer.Recorded ? "on" : "off")}", cancellationToken).ConfigureAwait(false);
                    break;
                case LanguageChanged language:
                    var code = language.Language == CallLanguage.French ? "fr" : "en";
                    await calls.UpdateAsync(callSid, "language", code, (c, _) => c.Language = code, cancellationToken).ConfigureAwait(false);
                    break;
                case ConsentWithdrawn withdrawn:
                    await consent.RecordAsync(Entry(callSid, caller, ConsentDecision.Withdrawn, withdrawn.PromptVersion, withdrawn.Language, "dtmf-8"), cancellationToken).ConfigureAwait(false);
                    break;
                case ConsentDisclosed disclosed:
                    var (kind, detail) = Disclosure(disclosed);
                    await calls.AddEventAsync(callSid, kind, detail, cancellationToken).ConfigureAwait(false);
                    break;
                case VoicemailStarted:
                    await calls.RecordReachedVoicemailAsync(callSid, cancellationToken).ConfigureAwait(false);
                    break;
                case MenuRetry retry:
                    await calls.AddEventAsync(callSid, "menu-retry", retry.Digits is null ? "no input" : "invalid key", cancellationToken).ConfigureAwait(false);
                    break;
                case TransferEnded ended:
                    await calls.AddEventAsync(callSid, "transfer-ended", ended.Status?.ToString() ?? "unknown", cancellationToken).ConfigureAwait(false);
                    break;
                case FallbackUsed fallback:
                    await calls.AddEventAsync(callSid, "fallback", $"Twilio error {fallback.ErrorCode}", cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
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
