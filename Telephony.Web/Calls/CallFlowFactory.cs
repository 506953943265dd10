using Microsoft.Extensions.Options;
using Telephony.Core.Calls;
using Telephony.Web.Twilio;

namespace Telephony.Web.Calls;

/// <summary>The pure call flow, configured from settings once.</summary>
public static class CallFlowFactory
{
    public static CallFlow Create(IServiceProvider services)
    {
        var hotline = services.GetRequiredService<IOptions<HotlineOptions>>().Value;
        var credentials = services.GetRequiredService<TwilioCredentials>();
        return new CallFlow(new CallFlowOptions(credentials.PublicBaseUrl, hotline.SalesNumber, hotline.SupportNumber));
    }
}
