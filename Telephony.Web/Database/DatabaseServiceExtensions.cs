using Telephony.Data;

namespace Telephony.Web.Database;

public static class DatabaseServiceExtensions
{
    /// <summary>
    /// The database (<c>Database:Provider</c>, <c>ConnectionStrings:Telephony</c>) with its stores and change feed, and
    /// the start-up initialiser that migrates it before the server accepts requests, and (on PostgreSQL) the worker that
    /// creates the call tables' monthly partitions ahead.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTelephonyData(builder.Configuration);
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddSingleton<CallPartitionWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CallPartitionWorker>());
        return builder;
    }
}
