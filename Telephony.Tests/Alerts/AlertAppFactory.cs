using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Tests.Web;
using Telephony.Web.Alerts;

namespace Telephony.Tests.Alerts;

/// <summary>The app with its evaluator's timer out of the way (tests call EvaluateOnceAsync) and webhooks going to <see cref="Receiver"/>.</summary>
internal sealed class AlertAppFactory : TelephonyAppFactory
{
    public AlertAppFactory()
    {
    }

    public AlertAppFactory(DatabaseProvider provider, string connectionString)
        : base(provider, connectionString)
    {
    }

    public WebhookReceiver Receiver { get; } = new();

    public AlertEvaluator Evaluator => Services.GetRequiredService<AlertEvaluator>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Settings.TryAdd("Alerts:EvaluationSeconds", "3600");
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(AlertWebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new WebhookReceiver.Handler(Receiver)));
    }
}
