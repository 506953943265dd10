using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Telephony.Data.Infrastructure;

// Used only by `dotnet ef migrations add`; never at run time.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTelephonyDbContext>
{
    public SqliteTelephonyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTelephonyDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTelephonyDbContext>
{
    public PostgresTelephonyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTelephonyDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
