using Telephony.Core.Calls;
using Telephony.Core.Twilio;
using Telephony.Web.Journal;

namespace Telephony.Web.Twilio;

/// <summary>
/// A voice webhook as its route decides on it: the verified form, parsed once; the call state carried in the URL Twilio
/// called; and that URL's query values. For a journaled webhook, the same read back from its record.
/// </summary>
public sealed record VoiceRequest(VoicePayload Payload, CallContext Context, IReadOnlyList<KeyValuePair<string, string>> Form, Func<string, string?> Query)
{
    /// <summary>Reads the request; invalid fields are logged (names only) and treated as absent.</summary>
    public static VoiceRequest Of(HttpContext http, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = TwilioForm.Of(http);
        var parsed = VoicePayload.Parse(form);
        TwilioForm.LogRejected(logger, http.Request.Path, parsed.RejectedFields);
        var q = http.Request.Query;
        return new(parsed.Payload, CallContext.FromQuery(q["lang"], q["consent"], q["attempt"]), form, name => q.TryGetValue(name, out var v) ? v.ToString() : null);
    }

    /// <summary>Reads a journaled webhook: its form, and the query values and facts its answer was built from.</summary>
    public static VoiceRequest Of(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var context = CallContext.FromQuery(record.Value("lang"), record.Value("consent"), record.Value("attempt"));
        return new(VoicePayload.Parse(record.Form).Payload, context, record.Form, record.Value);
    }

    /// <summary>A form field the payload does not parse (e.g. <c>RecordingSource</c>).</summary>
    public string? Field(string name) => Form.FirstOrDefault(p => p.Key == name).Value;
}
