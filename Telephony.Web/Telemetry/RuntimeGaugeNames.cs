using OpenTelemetry.Metrics;

namespace Telephony.Web.Telemetry;

/// <summary>
/// The .NET runtime's gauges named <c>*.count</c> under plural names: Prometheus keeps a <c>_count</c> suffix for
/// histograms and summaries, and its checker (<c>promtool check metrics</c>) rejects a gauge that ends in it.
/// </summary>
internal static class RuntimeGaugeNames
{
    private static readonly (string Runtime, string Renamed)[] Renames =
    [
        ("dotnet.assembly.count", "dotnet.assemblies"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.thread_pool.thread.count", "dotnet.thread_pool.threads"),
        ("dotnet.timer.count", "dotnet.timers"),
    ];

    public static MeterProviderBuilder RenameRuntimeCountGauges(this MeterProviderBuilder metrics)
    {
        foreach (var (runtime, renamed) in Renames)
        {
            metrics.AddView(runtime, renamed);
        }

        return metrics;
    }
}
