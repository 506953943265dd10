using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Telephony.Web.Telemetry;

/// <summary>
/// Keeps this app's meter provider to the meters of its own container. Meters are matched by name across the process,
/// so where several hosts share one (the test suite) a provider would merge another host's instruments into its own,
/// and stop exporting a metric when that other host shuts down. Process-wide meters (runtime, Npgsql) have no scope and stay.
/// </summary>
internal static class HostMeters
{
    public static MeterProviderBuilder OnlyThisHostsMeters(this MeterProviderBuilder metrics)
    {
        if (metrics is not IDeferredMeterProviderBuilder deferred)
        {
            throw new InvalidOperationException("The meter provider is not built from the host's services.");
        }

        return deferred.Configure((services, builder) =>
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument =>
                instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory) ? null : MetricStreamConfiguration.Drop);
        });
    }
}
