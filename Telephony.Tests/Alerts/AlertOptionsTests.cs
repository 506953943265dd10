using Microsoft.Extensions.Options;
using Telephony.Tests.Web;

namespace Telephony.Tests.Alerts;

public sealed class AlertOptionsTests
{
    [Fact]
    public async Task A_pagerduty_webhook_without_a_routing_key_stops_the_app_with_a_clear_message()
    {
        await using var app = new TelephonyAppFactory();
        app.Settings["Alerts:Webhooks:0:Url"] = "https://events.pagerduty.example/v2/enqueue";
        app.Settings["Alerts:Webhooks:0:Kind"] = "PagerDuty";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Alerts:Webhooks:0:RoutingKey is required for PagerDuty.", error.Message, StringComparison.Ordinal);
    }
}
