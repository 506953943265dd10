using Microsoft.EntityFrameworkCore.Metadata;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Seeding;

/// <summary>
/// A table for the bulk writers, as one provider's model maps it: every mapped column but a generated key (the
/// database numbers the rows), in one order, with each row's value converted as EF Core converts it (enum names; on
/// SQLite, UTC ticks).
/// </summary>
internal sealed class SeedColumns<TEntity>
{
    private static readonly Lazy<SeedColumns<TEntity>> PostgresColumns = new(() => new SeedColumns<TEntity>(StoreModels.Postgres));
    private static readonly Lazy<SeedColumns<TEntity>> SqliteColumns = new(() => new SeedColumns<TEntity>(StoreModels.Sqlite));

    private SeedColumns(IModel model)
    {
        var table = new StoreTable<TEntity>(model);
        Table = table.ToString();
        Properties = [.. table.Properties.Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))];
        QuotedList = string.Join(", ", Properties.Select(table.Column));
        Values = [.. Properties.Select(StoreTable<TEntity>.BoxedStoreValue)];
    }

    public static SeedColumns<TEntity> Postgres => PostgresColumns.Value;

    public static SeedColumns<TEntity> Sqlite => SqliteColumns.Value;

    /// <summary>The quoted table name.</summary>
    public string Table { get; }

    public IReadOnlyList<IProperty> Properties { get; }

    /// <summary>The quoted column names, comma-separated.</summary>
    public string QuotedList { get; }

    /// <summary>Per column, a row's value as the column stores it (null for SQL NULL).</summary>
    public IReadOnlyList<Func<TEntity, object?>> Values { get; }
}
