using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Web.Hosting.WarmUp;
using Telephony.Web.Journal;

namespace Telephony.Web.Health;

public static class HealthExtensions
{
    internal const string ReadyTag = "ready";

    /// <summary>The readiness entries, by name: what <c>/health/ready</c> reports and what the outage pager watches.</summary>
    internal const string Database = "database";
    internal const string Journal = "journal";
    internal const string ChangeFeed = "change-feed";
    internal const string WarmUp = "warm-up";

    /// <summary>A database that takes longer than this to answer counts as unreachable.</summary>
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddHealthServices(this IHostApplicationBuilder builder)
    {
        builder.AddWarmUp();
        builder.Services.AddSingleton<JournalHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process is up."))
            .AddCheck<DatabaseReadyCheck>(Database, tags: [ReadyTag], timeout: DatabaseTimeout)
            .Add(new HealthCheckRegistration(Journal, sp => sp.GetRequiredService<JournalHealthCheck>(), HealthStatus.Unhealthy, [ReadyTag]))
            .AddCheck<ChangeFeedHealthCheck>(ChangeFeed, tags: [ReadyTag]);
        builder.Services.AddSingleton<WarmUpReadiness>();
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: the process answers. <c>/health/ready</c>: each dependency (database, journal, change feed) and the start-up warm-up as
    /// healthy, degraded or unhealthy, with why; 503 when any is unhealthy, 200 otherwise.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => !c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteReadyAsync }).AllowAnonymous();
        return app;
    }

    // The warm-up is an entry of the readiness answer, not a registered check: the health check service logs every
    // unhealthy check at Error, and an instance that is still starting is not an error. The dependencies' checks run
    // (and log) as registered; the outage pager reads those alone.
    private static Task WriteReadyAsync(HttpContext context, HealthReport dependencies)
    {
        var entries = new Dictionary<string, HealthReportEntry>(dependencies.Entries)
        {
            [WarmUp] = context.RequestServices.GetRequiredService<WarmUpReadiness>().Entry(),
        };
        var report = new HealthReport(entries, dependencies.TotalDuration);
        if (report.Status == HealthStatus.Unhealthy)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        return WriteJsonAsync(context, report);
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalMilliseconds = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
