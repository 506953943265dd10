using System.ComponentModel.DataAnnotations;
using Telephony.Core.Calls;
using Telephony.Data.Metrics;

namespace Telephony.Web.Metrics;

/// <summary>
/// <c>Metrics:ServiceLevelSeconds</c>: a transfer answered within this long of the ring starting counts towards service
/// level. Below the ring limit (<see cref="CallFlowOptions.DialTimeoutSeconds"/>), or service level would be answer rate.
/// </summary>
public sealed class ServiceLevelOptions
{
    public const string Section = "Metrics";

    [Range(1, CallFlowOptions.DialTimeoutSeconds - 1, ErrorMessage = "Metrics:ServiceLevelSeconds must be a whole number of seconds from {1} to {2} (below the 20 s ring limit).")]
    public int ServiceLevelSeconds { get; set; } = 15;

    /// <summary>The thresholds every console figure and the hourly rollups are counted with.</summary>
    public CallMetricsOptions CallMetrics() =>
        CallMetricsOptions.Default with { ServiceLevelThreshold = TimeSpan.FromSeconds(ServiceLevelSeconds) };
}
