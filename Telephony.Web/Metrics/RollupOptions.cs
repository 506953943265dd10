using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Metrics;

/// <summary><c>Rollups:*</c> settings.</summary>
public sealed class RollupOptions
{
    /// <summary>How often each instance runs a rollup pass (one instance at a time does the work).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
