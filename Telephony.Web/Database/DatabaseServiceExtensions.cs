using Telephony.Data;

namespace Telephony.Web.Database;

public static class DatabaseServiceExtensions
{
    /// <summary>
    /// The database (<c>Database:Provider</c>, <c>ConnectionStrings:Telephony</c>) with its stores and change feed, and
    /// the start-up initialiser that migrates it before the server accepts requests.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTelephonyData(builder.Configuration);
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
