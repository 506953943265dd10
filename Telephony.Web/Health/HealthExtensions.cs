using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Web.Journal;

namespace Telephony.Web.Health;

public static class HealthExtensions
{
    internal const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealthServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process is up."))
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<JournalHealthCheck>("journal", tags: [ReadyTag]);
        return builder;
    }

    /// <summary><c>/health</c>: the process answers. <c>/health/ready</c>: the database is reachable and migrated.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => !c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        return app;
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
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
