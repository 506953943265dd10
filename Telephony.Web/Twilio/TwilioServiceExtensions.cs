using Telephony.Web.Calls;
using Telephony.Web.Sms;
using Telephony.Web.Telemetry;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Twilio;

public static class TwilioServiceExtensions
{
    /// <summary>Settings (validated at start), the call flow and the webhook machinery: signature check, guard, event recorder.</summary>
    public static IHostApplicationBuilder AddTwilioServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().Bind(builder.Configuration.GetSection("Twilio")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HotlineOptions>().Bind(builder.Configuration.GetSection("Telephony")).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<TwilioCredentials>();
        services.AddSingleton(CallFlowFactory.Create);
        services.AddSingleton<WebhookGuard>();
        services.AddSingleton<CallEventRecorder>();
        services.AddSingleton<TwilioSignatureFilter>();
        services.AddHostedService<DeferredFailureFlusher>();
        return builder;
    }

    /// <summary>The routes an operator pastes into the Twilio console (docs/design.md), all behind the signature filter.</summary>
    public static IEndpointRouteBuilder MapTwilioApi(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup("/twilio")
            .AllowAnonymous() // authenticated by signature, not by a user
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .AddEndpointFilter<WebhookTelemetryFilter>() // outermost: counts and tags what the others decided
            .AddEndpointFilter<TwilioSignatureFilter>()
            .AddEndpointFilter<TwiMLSafetyNet>();

        var voice = twilio.MapGroup("/voice");
        voice.MapPost("/frontdoor", VoiceWebhooks.FrontDoorAsync);
        voice.MapPost("/menu", VoiceWebhooks.MenuAsync);
        voice.MapPost("/dial-complete", VoiceWebhooks.DialCompleteAsync);
        voice.MapPost("/voicemail", VoiceWebhooks.VoicemailAsync);
        voice.MapPost("/recording-status", RecordingWebhooks.RecordingStatusAsync);
        voice.MapPost("/transcription", RecordingWebhooks.TranscriptionAsync);
        voice.MapPost("/status", VoiceWebhooks.StatusAsync);
        voice.MapPost("/fallback", VoiceWebhooks.FallbackAsync);

        twilio.MapPost("/sms/reply", SmsWebhooks.ReplyAsync);
        return app;
    }
}
