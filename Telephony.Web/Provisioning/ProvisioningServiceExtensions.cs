using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Telephony.Data.Provisioning;
using Telephony.Web.Auth;
using Telephony.Web.Simulator;

namespace Telephony.Web.Provisioning;

public static class ProvisioningServiceExtensions
{
    /// <summary>Admins, signed in by cookie or by a bearer API key.</summary>
    public const string ApiPolicy = "AdminApi";

    /// <summary>The saga engine and its workers, the Twilio REST gateway, the fake Twilio, idempotency keys, API key auth.</summary>
    public static IHostApplicationBuilder AddProvisioningServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProvisioningOptions>().Bind(builder.Configuration.GetSection("Provisioning")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProvisioningEngineOptions>().Configure<IOptions<ProvisioningOptions>>((engine, o) => engine.LeaseDuration = o.Value.LeaseDuration);

        services.AddSingleton<FakeTwilioState>();
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

        services.AddSingleton<IdempotencyKeyFilter>();
        services.AddHostedService<IdempotencyCleanup>();

        services.AddSingleton<ApiKeyAdministration>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(ApiPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Admin)));

        services.AddOpenApi();
        return builder;
    }

    /// <summary>The admin API under <c>/api</c>, its OpenAPI document (admins only) and, in simulator mode, the fake Twilio.</summary>
    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        if (app is IApplicationBuilder pipeline)
        {
            IdempotencyKeyFilter.BufferIdempotentBodies(pipeline); // runs after authorization, before the endpoint binds the body
        }

        app.MapProvisioningEndpoints();

        // Admin-only: the document maps the whole admin surface, and every client of it holds admin credentials anyway.
        app.MapOpenApi().RequireAuthorization(ApiPolicy);
        app.MapFakeTwilioApi();
        return app;
    }
}
