namespace Telephony.Web.Metrics;

public static class MetricsServiceExtensions
{
    /// <summary>The hourly rollups' worker and its <c>Rollups:*</c> options.</summary>
    public static IHostApplicationBuilder AddMetricsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RollupOptions>().Bind(builder.Configuration.GetSection("Rollups")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<RollupWorker>();
        return builder;
    }
}
