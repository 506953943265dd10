namespace Telephony.Core.Simulator;

/// <summary>The app's answer to one simulated Twilio request.</summary>
public sealed record TwilioHttpResponse(int StatusCode, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
