using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Telephony.Web.Twilio;

/// <summary>Twilio reads TwiML only from a 200 with an XML content type.</summary>
public static class TwiMLResults
{
    /// <summary>The answer to a callback whose TwiML Twilio ignores (status, recording, transcription).</summary>
    public static string EmptyVoice { get; } = new global::Twilio.TwiML.VoiceResponse().ToString();

    public static ContentHttpResult Xml(string twiml) => TypedResults.Text(twiml, "text/xml", Encoding.UTF8, StatusCodes.Status200OK);
}
