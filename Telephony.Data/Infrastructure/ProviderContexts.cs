using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Infrastructure;

/// <summary>SQLite flavour of the context: owns the migrations under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteTelephonyDbContext(DbContextOptions<SqliteTelephonyDbContext> options) : TelephonyDbContext(options);

/// <summary>PostgreSQL flavour of the context: owns the migrations under <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresTelephonyDbContext(DbContextOptions<PostgresTelephonyDbContext> options) : TelephonyDbContext(options);
