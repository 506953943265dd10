using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Core.Twilio;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>How what the call flow decided is stored: the route, language, consent decisions, transfer and voicemail marks.</summary>
public static class CallEventRecorder
{
    /// <summary>
    /// The unit of call work that stores <paramref name="events"/> (after <paramref name="first"/>, changes the route
    /// itself decided), written with the other webhooks of the moment: see <see cref="Apply"/>.
    /// </summary>
    public static CallWork Work(string callSid, string caller, IReadOnlyList<CallFlowEvent> events, params CallChange[] first) =>
        new(callSid, (rows, now) => Apply(rows, now, callSid, caller, events, first));

    /// <summary>
    /// The unit of work that stores a voice webhook's flow events (after <paramref name="first"/>); null without a call,
    /// or with nothing to store.
    /// </summary>
    public static WebhookUnit? Unit(VoicePayload payload, FlowResult result, params CallChange[] first)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(result);
        if (payload.CallSid is not { } callSid || (result.Events.Count == 0 && first.Length == 0))
        {
            return null;
        }

        var work = Work(callSid, WithheldCallerId.CallerOf(payload.From), result.Events, first);
        return (stores, _, ct) => stores.CallWriter.WriteAsync(work, ct);
    }

    /// <summary>
    /// Applies <paramref name="events"/> (after <paramref name="first"/>) on the loaded rows: consent decisions in the
    /// ledger, then every change of the call and its timeline.
    /// </summary>
    public static CallWorkResult Apply(ICallRows rows, DateTimeOffset now, string callSid, string caller, IReadOnlyList<CallFlowEvent> events, params CallChange[] first)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(events);
        List<CallChange> changes = [.. first];
        foreach (var e in events)
        {
            switch (e)
            {
                case RouteChosen chosen:
                    changes.Add(new("route", Describe(chosen.Route), (c, _) => c.Route = chosen.Route));
                    break;
                case TransferStarted transfer:
                    changes.Add(CallChange.TransferStarted(transfer.Route));
                    changes.Add(new("transfer", $"{Describe(transfer.Route)}, recording {(transfer.Recorded ? "on" : "off")}"));
                    break;
                case LanguageChanged language:
                    var code = language.Language == CallLanguage.French ? "fr" : "en";
                    changes.Add(new("language", code, (c, _) => c.Language = code));
                    break;
                case ConsentWithdrawn withdrawn:
                    ConsentRules.Record(rows, Entry(callSid, caller, ConsentDecision.Withdrawn, withdrawn.PromptVersion, withdrawn.Language, "dtmf-8"), now);
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

        return new(CallRules.ApplyChanges(rows, callSid, changes, now));
    }

    /// <summary>The call events that are rows of their own and nothing more, so the front door can store them with the call.</summary>
    public static IReadOnlyList<(string Kind, string Detail)> EventRows(IReadOnlyList<CallFlowEvent> events) =>
        events is null ? [] : [.. events.OfType<ConsentDisclosed>().Select(Disclosure)];

    /// <summary>The caller stayed on the line after the disclosure: implied consent, stored before anything is recorded.</summary>
    public static void RecordImpliedConsent(ICallRows rows, string callSid, string caller, CallLanguage language, DateTimeOffset now) =>
        ConsentRules.Record(rows, Entry(callSid, caller, ConsentDecision.Granted, ConsentPolicy.PromptVersion, language, "disclosure-continued"), now);

    private static ConsentEntry Entry(string callSid, string caller, ConsentDecision decision, string promptVersion, CallLanguage language, string method) =>
        new(callSid, caller, decision, promptVersion, language == CallLanguage.French ? "fr" : "en", ConsentPolicy.Jurisdiction, method);

    private static (string Kind, string Detail) Disclosure(ConsentDisclosed disclosed) =>
        ("disclosure", $"prompt {disclosed.PromptVersion} ({(disclosed.Language == CallLanguage.French ? "fr" : "en")})");


    private static string Describe(CallRoute route) => route.ToString().ToLowerInvariant();
}
