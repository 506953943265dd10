using Microsoft.EntityFrameworkCore.Design;

namespace Telephony.Data.Infrastructure;

// Used only by `dotnet ef migrations add`; never at run time.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTelephonyDbContext>
{
    public SqliteTelephonyDbContext CreateDbContext(string[] args) => TelephonyDbOptions.CreateSqlite("Data Source=design.db");
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTelephonyDbContext>
{
    public PostgresTelephonyDbContext CreateDbContext(string[] args) => TelephonyDbOptions.CreatePostgres("Host=localhost;Database=design");
}
