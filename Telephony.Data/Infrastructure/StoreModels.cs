using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// Each provider's EF Core model, built once per process. Statements written by hand for speed (the batches, the bulk
/// loads) take their table names, column names, store types and value conversions from it, so the model stays the one
/// place that says how an entity is stored.
/// </summary>
internal static class StoreModels
{
    // Building a model opens no connection: these connection strings are never used.
    private static readonly Lazy<IModel> PostgresModel = new(() =>
    {
        using var context = TelephonyDbOptions.CreatePostgres("Host=localhost");
        return context.Model;
    });

    private static readonly Lazy<IModel> SqliteModel = new(() =>
    {
        using var context = TelephonyDbOptions.CreateSqlite("Data Source=:memory:");
        return context.Model;
    });

    public static IModel Postgres => PostgresModel.Value;

    public static IModel Sqlite => SqliteModel.Value;

    public static IModel For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
