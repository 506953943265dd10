using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// An entity's table as one provider's model maps it: quoted names to write into SQL, each column's store type, and the
/// model's value conversion (enums as their names, for one), so a statement written by hand stores what EF Core stores.
/// </summary>
internal sealed class StoreTable<TEntity>
{
    private readonly IEntityType entity;
    private readonly StoreObjectIdentifier table;

    public StoreTable(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
    }

    /// <summary>The table's quoted name, as it goes into SQL.</summary>
    public override string ToString() => Quote(table.Name);

    /// <summary>The entity's properties stored in this table.</summary>
    public IReadOnlyList<IProperty> Properties => [.. entity.GetProperties().Where(p => p.GetColumnName(table) is not null)];

    /// <summary>The key's single property (every table written by hand has a one-column key).</summary>
    public IProperty Key => entity.FindPrimaryKey() is { Properties: [var key] } ? key : throw new InvalidOperationException($"{typeof(TEntity).Name} has no one-column key.");

    public IProperty Property(string name) =>
        entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no mapped property {name}.");

    /// <summary>The quoted column of a property named like <c>nameof(Call.Status)</c>.</summary>
    public string Column(string property) => Column(Property(property));

    public string Column(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return Quote(property.GetColumnName(table) ?? throw new InvalidOperationException($"{property.Name} has no column in {table.Name}."));
    }

    /// <summary>The quoted columns of the named properties, comma-separated, in the order given.</summary>
    public string Columns(params string[] properties) => string.Join(", ", properties.Select(Column));

    /// <summary>The column's store type, e.g. <c>character varying(32)</c> or <c>INTEGER</c>.</summary>
    public string StoreType(string property) => StoreType(Property(property));

    public static string StoreType(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetColumnType();
    }

    /// <summary>The model's conversion of a property's value to what the column stores (the value itself when it has none).</summary>
    public Func<TValue, TStore> ToStore<TValue, TStore>(string property) => Converter<TValue, TStore>(Property(property)) is { } c ? c.ConvertToProviderTyped : Identity<TValue, TStore>(property);

    /// <summary>The model's conversion of what the column stores back to the property's value.</summary>
    public Func<TStore, TValue> FromStore<TValue, TStore>(string property) => Converter<TValue, TStore>(Property(property)) is { } c ? c.ConvertFromProviderTyped : Identity<TStore, TValue>(property);

    /// <summary>The CLR type the column's values have on the wire: the converter's provider type, else the property's type.</summary>
    public static Type StoreClrType(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
    }

    /// <summary>A property's value as the column stores it, boxed; <see langword="null"/> for a null value.</summary>
    public static Func<TEntity, object?> BoxedStoreValue(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var entityParameter = Expression.Parameter(typeof(TEntity), "entity");
        var read = Expression.Lambda<Func<TEntity, object?>>(
            Expression.Convert(Expression.Property(entityParameter, property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is a shadow property.")), typeof(object)),
            entityParameter).Compile();
        var converter = property.GetTypeMapping().Converter;
        return converter is null ? read : entity => read(entity) is { } value ? converter.ConvertToProvider(value) : null;
    }

    private static ValueConverter<TValue, TStore>? Converter<TValue, TStore>(IProperty property) => property.GetTypeMapping().Converter switch
    {
        null => null,
        ValueConverter<TValue, TStore> typed => typed,
        var other => throw new InvalidOperationException(
            $"{typeof(TEntity).Name}.{property.Name} is stored through {other.GetType().Name} ({other.ModelClrType.Name} to {other.ProviderClrType.Name}), not {typeof(TValue).Name} to {typeof(TStore).Name}."),
    };

    private static Func<TFrom, TTo> Identity<TFrom, TTo>(string property) =>
        typeof(TFrom) == typeof(TTo)
            ? (Func<TFrom, TTo>)(object)(Func<TFrom, TFrom>)(value => value)
            : throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is stored as {typeof(TFrom).Name} without conversion, not as {typeof(TTo).Name}.");

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
