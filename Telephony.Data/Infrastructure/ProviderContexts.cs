using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Infrastructure;

/// <summary>SQLite flavour of the context: owns the migrations under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteTelephonyDbContext(DbContextOptions<SqliteTelephonyDbContext> options) : TelephonyDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no DateTimeOffset type: as text, EF Core refuses to translate ORDER BY and comparisons.
        // UTC ticks sort and compare correctly and round-trip exactly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>PostgreSQL flavour of the context: owns the migrations under <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresTelephonyDbContext(DbContextOptions<PostgresTelephonyDbContext> options) : TelephonyDbContext(options);
