using System.Net.Http.Headers;
using System.Text;
using Telephony.Core.Twilio;

namespace Telephony.Bench;

/// <summary>A Twilio webhook request, signed ahead of the run so signing costs the load generator nothing.</summary>
internal sealed class SignedForm
{
    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };

    private SignedForm(Uri url, byte[] body, string signature, string callSid)
    {
        Url = url;
        Body = body;
        Signature = signature;
        CallSid = callSid;
    }

    public Uri Url { get; }

    public byte[] Body { get; }

    public string Signature { get; }

    public string CallSid { get; }

    public static SignedForm Create(TwilioSignatureValidator signer, string baseUrl, string path, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var url = baseUrl + path;
        return Signed(url, form, signer.ComputeSignature(url, form));
    }

    /// <summary>A form someone else signed (the simulator), to be sent the same way.</summary>
    public static SignedForm Signed(string url, IReadOnlyList<KeyValuePair<string, string>> form, string signature)
    {
        var body = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var sid = form.FirstOrDefault(p => p.Key == "CallSid").Value ?? "";
        return new SignedForm(new Uri(url), Encoding.UTF8.GetBytes(body), signature, sid);
    }

    /// <summary>A front-door call from a distinct caller, so the rate limiter admits every one.</summary>
    public static SignedForm FrontDoor(TwilioSignatureValidator signer, string baseUrl, string accountSid, int n) =>
        Create(signer, baseUrl, TwilioRoutes.FrontDoor,
        [
            new("AccountSid", accountSid),
            new("ApiVersion", "2010-04-01"),
            new("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())),
            new("CallStatus", "ringing"),
            new("Direction", "inbound"),
            new("From", "+1438" + (n % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)),
            new("To", "+15005550001"),
        ]);

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = FormType;
        request.Headers.Add("X-Twilio-Signature", Signature);
        return request;
    }
}
