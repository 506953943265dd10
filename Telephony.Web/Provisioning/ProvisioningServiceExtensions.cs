using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Telephony.Data.Provisioning;

namespace Telephony.Web.Provisioning;

public static class ProvisioningServiceExtensions
{
    /// <summary>The saga engine and its workers, the Twilio REST gateway and the webhook addresses it configures.</summary>
    public static IHostApplicationBuilder AddProvisioningServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProvisioningOptions>().Bind(builder.Configuration.GetSection("Provisioning")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProvisioningEngineOptions>().Configure<IOptions<ProvisioningOptions>>((engine, o) => engine.LeaseDuration = o.Value.LeaseDuration);

        services.AddTransient<TwilioApiBaseHandler>();
        services.AddTransient<TwilioIdempotencyTokenHandler>();
        services.AddHttpClient(TwilioGateway.HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan) // the resilience pipeline owns timeouts
            .AddHttpMessageHandler<TwilioIdempotencyTokenHandler>()
            .AddHttpMessageHandler<TwilioApiBaseHandler>()
            .AddResilienceHandler("twilio", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
                pipeline.AddTimeout(o.TwilioTotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.TwilioMaxRetries),
                    ShouldHandle = args => ValueTask.FromResult(
                        o.TwilioMaxRetries > 0
                        && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && TwilioIdempotencyTokenHandler.MayRetry(args.Context.GetRequestMessage())),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.TwilioRetryBaseDelay,
                    MaxDelay = TimeSpan.FromSeconds(30),
                    ShouldRetryAfterHeader = true, // Twilio's 429 says when to come back
                });
                pipeline.AddTimeout(o.TwilioAttemptTimeout);
            });
        services.AddSingleton<TwilioGateway>();
        services.AddSingleton<CurrentWebhookUrls>();

        services.AddSingleton<IProvisioningStepExecutor, ProvisioningStepExecutor>();
        services.AddSingleton<ProvisioningEngine>();
        services.AddSingleton<ProvisioningInbox>();
        services.AddSingleton<ProvisioningService>();
        services.AddHostedService<ProvisioningWorker>();
        return builder;
    }

    /// <summary>Tenants, numbers, porting and transactions in the admin API.</summary>
    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        app.MapProvisioningEndpoints();
        return app;
    }
}
