using Telephony.Core.Alerts;
using Telephony.Data.Settings;

namespace Telephony.Web.Settings;

public static class SettingsServiceExtensions
{
    /// <summary>
    /// The thresholds admins edit on the Settings page: their configured defaults (validated at start), the store, this
    /// instance's live copy (reloaded from the change feed) and the page's strings.
    /// </summary>
    public static IHostApplicationBuilder AddSettingsServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AlertThresholds>().Bind(builder.Configuration.GetSection("Alerts")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TileThresholds>().Bind(builder.Configuration.GetSection("Console:Tiles")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ThresholdStore>();
        services.AddSingleton<LiveThresholds>();
        services.AddHostedService<LiveThresholdsStart>();
        services.AddSingleton<ThresholdEditing>();
        return builder;
    }
}
