using Microsoft.Extensions.Options;
using Telephony.Core.Sms;
using Telephony.Web.Twilio;

namespace Telephony.Web.Sms;

public static class SmsServiceExtensions
{
    /// <summary>
    /// The STOP/START/HELP reply policy, worded with the hotline's name and contact line (<c>Telephony</c> settings), and
    /// the replies' hourly allowance per sender (<c>Sms</c> settings).
    /// </summary>
    public static IHostApplicationBuilder AddSmsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmsOptions>().Bind(builder.Configuration.GetSection("Sms")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<HotlineOptions>>().Value;
            return new SmsReplyPolicy(new SmsReplyOptions(o.CompanyName, o.ContactLine, o.SmsAutoReply));
        });
        return builder;
    }
}
