using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Telephony.Web.Twilio;

/// <summary>Twilio reads TwiML only from a 200 with an XML content type.</summary>
public static class TwiMLResults
{
    public static ContentHttpResult Xml(string twiml) => TypedResults.Text(twiml, "text/xml", Encoding.UTF8, StatusCodes.Status200OK);
}
