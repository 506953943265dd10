using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks (INTEGER) on SQLite, where EF Core cannot compare or order
/// DateTimeOffset text. Exact to the tick; values read back carry offset zero.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
