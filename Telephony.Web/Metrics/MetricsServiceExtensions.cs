using Microsoft.Extensions.Options;
using Telephony.Data.Metrics;

namespace Telephony.Web.Metrics;

public static class MetricsServiceExtensions
{
    /// <summary>
    /// The thresholds of the call metrics (<c>Metrics:ServiceLevelSeconds</c>), one <see cref="CallMetricsOptions"/> for
    /// every query and the rollups, and the hourly rollups' worker with its <c>Rollups:*</c> options.
    /// </summary>
    public static IHostApplicationBuilder AddMetricsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceLevelOptions>().Bind(builder.Configuration.GetSection(ServiceLevelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServiceLevelOptions>>().Value.CallMetrics());
        builder.Services.AddOptions<RollupOptions>().Bind(builder.Configuration.GetSection("Rollups")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<RollupWorker>();
        return builder;
    }
}
