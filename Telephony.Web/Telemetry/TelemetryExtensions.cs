using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Telephony.Data.Infrastructure;
using Telephony.Web.Live;

namespace Telephony.Web.Telemetry;

public static class TelemetryExtensions
{
    public const string MetricsRoute = "/metrics";

    /// <summary>
    /// OpenTelemetry: metrics always (served at <c>/metrics</c>); traces and logs to an OTLP collector only when the
    /// standard <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> says where, so without one tracing costs next to nothing.
    /// Console log lines carry the trace id.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetryServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection("Metrics")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<OperationalSnapshot>();
        services.AddSingleton<HotlineMetrics>();
        services.AddSingleton<WebhookTelemetryFilter>();
        services.AddHostedService<OperationalSampler>();
        services.AddHostedService<ChangeFeedWatch>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ConsoleCircuitCounter>());
        services.AddSingleton<HubConnectionCounter>();
        services.Configure<HubOptions<OperationsHub>>(hub => hub.AddFilter<HubConnectionCounter>());

        builder.Logging.AddConsoleFormatter<TraceJsonConsoleFormatter, JsonConsoleFormatterOptions>();

        var otlp = OtlpSignals.From(builder.Configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "telephony-hotline"))
            .WithMetrics(metrics =>
            {
                metrics.OnlyThisHostsMeters()
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .RenameRuntimeCountGauges()
                    .AddMeter(HotlineMetrics.MeterName)
                    .AddPrometheusExporter();
                if (otlp.Metrics)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (otlp.Traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !TraceNoise.IsNoise(http.Request.Path))
                .AddHttpClientInstrumentation()
                // On PostgreSQL, Npgsql's own spans cover EF Core's commands and the raw batches; EF Core's cover SQLite.
                .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider != "Npgsql.EntityFrameworkCore.PostgreSQL")
                .AddNpgsql()
                .AddSource(DataTracing.SourceName)
                .AddOtlpExporter());
        }

        if (otlp.Logs)
        {
            // Scopes stay out: ASP.NET Core's request scope holds paths that can carry phone numbers.
            telemetry.WithLogging(logging => logging.AddOtlpExporter(), options => options.IncludeScopes = false);
        }

        return builder;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format, for loopback and <c>Metrics:AllowedNetworks</c> only.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var access = app.ServiceProvider.GetRequiredService<MetricsAccess>();
        app.MapPrometheusScrapingEndpoint(MetricsRoute, meterProvider: null, configureBranchedPipeline: branch => branch.Use(access.GuardAsync), optionsName: null)
            .AllowAnonymous(); // answered by address instead: anyone else gets 404
        return app;
    }
}
