using Telephony.Core.Consent;
using Telephony.Core.Twilio;

namespace Telephony.Core.Calls;

/// <summary>Absolute webhook URLs with the call state in the query string (Twilio keeps no state for us).</summary>
internal sealed class CallFlowUrls(string publicBaseUrl)
{
    private readonly string baseUrl = publicBaseUrl.TrimEnd('/');

    public Uri Menu(CallContext ctx) =>
        Build(TwilioRoutes.Menu, ("lang", ctx.LanguageCode), ("attempt", ctx.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("consent", ConsentPolicy.ToQuery(ctx.Consent)));

    public Uri DialComplete(CallContext ctx, CallRoute route) =>
        Build(TwilioRoutes.DialComplete, ("lang", ctx.LanguageCode), ("consent", ConsentPolicy.ToQuery(ctx.Consent)), ("route", route == CallRoute.Sales ? "sales" : "support"));

    public Uri Voicemail(CallContext ctx) =>
        Build(TwilioRoutes.Voicemail, ("lang", ctx.LanguageCode), ("consent", ConsentPolicy.ToQuery(ctx.Consent)));

    /// <summary>The Record action: same route, <c>done=1</c> tells the handler to thank and hang up.</summary>
    public Uri VoicemailDone(CallContext ctx) =>
        Build(TwilioRoutes.Voicemail, ("lang", ctx.LanguageCode), ("done", "1"));

    public Uri RecordingStatus() => Build(TwilioRoutes.RecordingStatus);

    public Uri Transcription() => Build(TwilioRoutes.Transcription);

    private Uri Build(string route, params (string Key, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value!));
        var qs = string.Join("&", parts);
        return new Uri(baseUrl + route + (qs.Length > 0 ? "?" + qs : string.Empty));
    }
}
