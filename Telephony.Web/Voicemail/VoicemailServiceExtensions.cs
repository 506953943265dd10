namespace Telephony.Web.Voicemail;

public static class VoicemailServiceExtensions
{
    /// <summary>Where recordings are kept (<c>Storage</c>, validated at start) and the fetcher that downloads them from Twilio with retries.</summary>
    public static IHostApplicationBuilder AddVoicemailServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VoicemailAudioOptions>().Bind(builder.Configuration.GetSection("Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VoicemailAudioStorage>();
        services.AddHttpClient(VoicemailAudioFetcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHostedService<VoicemailAudioFetcher>();
        return builder;
    }

    /// <summary>Voicemail audio for admins (play and download, audited) and the read API's voicemail list.</summary>
    public static IEndpointRouteBuilder MapVoicemailApi(this IEndpointRouteBuilder app)
    {
        app.MapVoicemailAudioApi();
        app.MapVoicemailReadApi();
        return app;
    }
}
