using Telephony.Web.Calls;
using Telephony.Web.RateLimiting;
using Telephony.Web.Sms;
using Telephony.Web.Telemetry;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Twilio;

public static class TwilioServiceExtensions
{
    /// <summary>Settings (validated at start), the call flow and the webhook machinery: signature check, guard, the stores the webhooks write through.</summary>
    public static IHostApplicationBuilder AddTwilioServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().Bind(builder.Configuration.GetSection("Twilio")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HotlineOptions>().Bind(builder.Configuration.GetSection("Telephony")).ValidateDataAnnotations().ValidateOnStart();

        // Each caller's minute leaves a counter row; ended windows are deleted on a schedule.
        services.AddHostedService<RateLimitCleanup>();

        services.AddSingleton<TwilioCredentials>();
        services.AddSingleton(CallFlowFactory.Create);
        services.AddSingleton<WebhookGuard>();
        services.AddSingleton<WebhookStores>();
        services.AddSingleton<TwilioSignatureFilter>();
        services.AddSingleton<SignatureFailureCounter>();
        services.AddHostedService<SignatureFailureFlusher>();
        services.AddHostedService<DeferredFailureFlusher>();
        return builder;
    }

    /// <summary>The routes an operator pastes into the Twilio console (docs/design.md), all behind the signature filter.</summary>
    public static IEndpointRouteBuilder MapTwilioApi(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup(string.Empty) // each route maps its full path (TwilioRoutes)
            .AllowAnonymous() // authenticated by signature, not by a user
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .AddEndpointFilter<WebhookTelemetryFilter>() // outermost: counts and tags what the others decided
            .AddEndpointFilter<TwilioSignatureFilter>()
            .AddEndpointFilter<TwiMLSafetyNet>();

        FrontDoorWebhook.Map(twilio);
        MenuWebhook.Map(twilio);
        DialCompleteWebhook.Map(twilio);
        VoicemailWebhook.Map(twilio);
        RecordingStatusWebhook.Map(twilio);
        TranscriptionWebhook.Map(twilio);
        StatusWebhook.Map(twilio);
        FallbackWebhook.Map(twilio);
        SmsReplyWebhook.Map(twilio);
        return app;
    }
}
