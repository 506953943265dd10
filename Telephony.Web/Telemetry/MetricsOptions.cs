using System.Net;

namespace Telephony.Web.Telemetry;

/// <summary><c>Metrics:*</c> settings.</summary>
public sealed class MetricsOptions
{
    /// <summary>CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) whose addresses may scrape <c>/metrics</c>, besides loopback.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>How often the alert and voicemail figures are read from the database.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The parsed <see cref="AllowedNetworks"/>; entries that are not CIDR ranges are left out (validation reports them).</summary>
    public IReadOnlyList<IPNetwork> Networks() =>
        [.. AllowedNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var network) ? (IPNetwork?)network : null).OfType<IPNetwork>()];
}
