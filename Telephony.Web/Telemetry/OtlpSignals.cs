namespace Telephony.Web.Telemetry;

/// <summary>
/// Which signals go to an OTLP collector: those whose endpoint is set, by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (all) or the
/// signal's own <c>OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_ENDPOINT</c>, as environment variables or settings.
/// </summary>
internal sealed record OtlpSignals(bool Traces, bool Metrics, bool Logs)
{
    public static OtlpSignals From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var all = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT");
        return new OtlpSignals(
            all || IsSet(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            all || IsSet(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"),
            all || IsSet(configuration, "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"));
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
