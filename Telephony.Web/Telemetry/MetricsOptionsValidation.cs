using System.Net;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Telemetry;

/// <summary>Stops the app at start on a setting that would silently open or close <c>/metrics</c>.</summary>
internal sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.AllowedNetworks
            .Where(n => !IPNetwork.TryParse(n?.Trim(), out _))
            .Select(n => $"Metrics:AllowedNetworks: '{n}' is not a CIDR range (for example 10.0.0.0/8 or fd00::/8).")
            .ToList();
        if (options.SampleInterval < TimeSpan.FromSeconds(1) || options.SampleInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Metrics:SampleInterval must be between 00:00:01 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
