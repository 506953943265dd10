namespace Telephony.Web.Telemetry;

/// <summary>Requests not worth a trace: probes, scrapes, the console's static files and its Blazor connection.</summary>
internal static class TraceNoise
{
    public static bool IsNoise(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(TelemetryExtensions.MetricsRoute, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || IsRootFile(path.Value);

    // app.css, favicon.ico, Telephony.Web.styles.css: one segment with an extension (API paths such as /openapi/v1.json have more).
    private static bool IsRootFile(string? path) =>
        path is { Length: > 1 } && path.IndexOf('/', 1) < 0 && Path.HasExtension(path);
}
