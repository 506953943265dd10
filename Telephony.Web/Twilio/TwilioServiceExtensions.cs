using Microsoft.Extensions.Options;
using Telephony.Core.Sms;
using Telephony.Web.Calls;
using Telephony.Web.Journal;
using Telephony.Web.Simulator;
using Telephony.Web.Sms;
using Telephony.Web.Telemetry;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Twilio;

public static class TwilioServiceExtensions
{
    /// <summary>Settings (validated at start), the call flow, the webhook machinery and the voicemail audio fetcher.</summary>
    public static IHostApplicationBuilder AddTwilioServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().Bind(builder.Configuration.GetSection("Twilio")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HotlineOptions>().Bind(builder.Configuration.GetSection("Telephony")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VoicemailAudioOptions>().Bind(builder.Configuration.GetSection("Storage")).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<TwilioCredentials>();
        services.AddSingleton(CallFlowFactory.Create);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<HotlineOptions>>().Value;
            return new SmsReplyPolicy(new SmsReplyOptions(o.CompanyName, o.ContactLine, o.SmsAutoReply));
        });
        services.AddJournalServices(builder.Configuration);
        services.AddSingleton<WebhookGuard>();
        services.AddSingleton<WebhookStores>();
        services.AddSingleton<TwilioSignatureFilter>();
        services.AddHostedService<DeferredFailureFlusher>();

        services.AddSingleton<VoicemailAudioStorage>();
        services.AddHttpClient(VoicemailAudioFetcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<VoicemailAudioFetcher>();

        services.AddHttpClient(SimulatorService.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SimulatorService>();
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
        app.MapSimulatorApi();
        return app;
    }
}
