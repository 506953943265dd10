using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace Telephony.Data.Infrastructure;

/// <summary>The Npgsql parameter type for a column of the PostgreSQL model, from its store type.</summary>
internal static class PostgresStoreTypes
{
    /// <summary>
    /// The type a column's values are sent as. Strings go as <c>text</c> whatever the column's length: arrays of
    /// <c>text</c> are assigned to <c>character varying(n)</c> columns, which still check the length.
    /// </summary>
    public static NpgsqlDbType Of(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var storeType = property.GetColumnType();
        var name = storeType.Split('(')[0].Trim();
        return name switch
        {
            "text" or "character varying" => NpgsqlDbType.Text,
            "boolean" => NpgsqlDbType.Boolean,
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "smallint" => NpgsqlDbType.Smallint,
            "uuid" => NpgsqlDbType.Uuid,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            _ => throw new NotSupportedException($"{property.DeclaringType.ClrType.Name}.{property.Name} is stored as {storeType}, which the hand-written statements do not send yet."),
        };
    }

    /// <summary>The type of an array of the column's values.</summary>
    public static NpgsqlDbType ArrayOf(IProperty property) => NpgsqlDbType.Array | Of(property);

    /// <summary>The exact type of the column, for binary COPY (which, unlike a statement, has no assignment casts).</summary>
    public static NpgsqlDbType ExactOf(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetColumnType().StartsWith("character varying", StringComparison.Ordinal) ? NpgsqlDbType.Varchar : Of(property);
    }
}
