using Telephony.Core.Consent;

namespace Telephony.Core.Calls;

/// <summary>Absolute webhook URLs with the call state in the query string (Twilio keeps no state for us).</summary>
internal sealed class CallFlowUrls(string publicBaseUrl)
{
    private readonly string _base = publicBaseUrl.TrimEnd('/');

    public Uri Menu(CallContext ctx) =>
        Build("menu", ("lang", ctx.LanguageCode), ("attempt", ctx.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("consent", ConsentPolicy.ToQuery(ctx.Consent)));

    public Uri DialComplete(CallContext ctx, CallRoute route) =>
        Build("dial-complete", ("lang", ctx.LanguageCode), ("consent", ConsentPolicy.ToQuery(ctx.Consent)), ("route", route == CallRoute.Sales ? "sales" : "support"));

    public Uri Voicemail(CallContext ctx) =>
        Build("voicemail", ("lang", ctx.LanguageCode), ("consent", ConsentPolicy.ToQuery(ctx.Consent)));

    /// <summary>The Record action: same route, <c>done=1</c> tells the handler to thank and hang up.</summary>
    public Uri VoicemailDone(CallContext ctx) =>
        Build("voicemail", ("lang", ctx.LanguageCode), ("done", "1"));

    public Uri RecordingStatus() => Build("recording-status");

    public Uri Transcription() => Build("transcription");

    private Uri Build(string route, params (string Key, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value!));
        var qs = string.Join("&", parts);
        return new Uri($"{_base}/twilio/voice/{route}" + (qs.Length > 0 ? "?" + qs : string.Empty));
    }
}
