using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Infrastructure;

/// <summary>One place that configures each provider, shared by the app, the design-time factories and the tests.</summary>
public static class TelephonyDbOptions
{
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseSqlite(connectionString, o => o.CommandTimeout(SqliteConnectionSetup.BusyTimeoutMilliseconds / 1000))
            .AddInterceptors(SqliteConnectionSetup.Instance, SqliteWriteGate.Instance);
    }

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(connectionString);
    }

    public static SqliteTelephonyDbContext CreateSqlite(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SqliteTelephonyDbContext>();
        ConfigureSqlite(builder, connectionString);
        return new SqliteTelephonyDbContext(builder.Options);
    }

    public static PostgresTelephonyDbContext CreatePostgres(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresTelephonyDbContext>();
        ConfigurePostgres(builder, connectionString);
        return new PostgresTelephonyDbContext(builder.Options);
    }
}
