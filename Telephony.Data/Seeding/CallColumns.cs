using Microsoft.EntityFrameworkCore.Metadata;
using Telephony.Data.Calls;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Seeding;

/// <summary>
/// The <c>Calls</c> table for the bulk writers, as one provider's model maps it: every mapped column, in one order, with
/// each call's value converted as EF Core converts it (enum names; on SQLite, UTC ticks).
/// </summary>
internal sealed class CallColumns
{
    private static readonly Lazy<CallColumns> PostgresColumns = new(() => new CallColumns(StoreModels.Postgres));
    private static readonly Lazy<CallColumns> SqliteColumns = new(() => new CallColumns(StoreModels.Sqlite));

    private CallColumns(IModel model)
    {
        var table = new StoreTable<Call>(model);
        Table = table.ToString();
        Properties = table.Properties;
        QuotedList = string.Join(", ", Properties.Select(table.Column));
        Values = [.. Properties.Select(StoreTable<Call>.BoxedStoreValue)];
    }

    public static CallColumns Postgres => PostgresColumns.Value;

    public static CallColumns Sqlite => SqliteColumns.Value;

    /// <summary>The quoted table name.</summary>
    public string Table { get; }

    public IReadOnlyList<IProperty> Properties { get; }

    /// <summary>The quoted column names, comma-separated.</summary>
    public string QuotedList { get; }

    /// <summary>Per column, a call's value as the column stores it (null for SQL NULL).</summary>
    public IReadOnlyList<Func<Call, object?>> Values { get; }
}
