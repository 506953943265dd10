namespace Telephony.Web.Privacy;

public static class PrivacyServiceExtensions
{
    /// <summary>Retention (options, the purge and its worker), recording deletion, caller data requests.</summary>
    public static IHostApplicationBuilder AddPrivacyServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection("Retention")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecordingDeletion>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<CallerDataService>();
        services.AddHostedService<RetentionWorker>();
        services.AddHostedService<WebhookLogCleanup>();
        services.AddHostedService<CallDetailCleanup>();
        return builder;
    }

    /// <summary>Caller export and erasure and early recording deletes in the admin API; the audit log's CSV export.</summary>
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        app.MapPrivacyEndpoints();
        app.MapAuditExportApi();
        return app;
    }
}
