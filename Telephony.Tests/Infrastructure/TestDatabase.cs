using Microsoft.EntityFrameworkCore;
using Telephony.Data;

namespace Telephony.Tests.Infrastructure;

/// <summary>A real, throw-away database for one test class; migrated on start unless created empty.</summary>
public abstract class TestDatabase : IAsyncLifetime, IDbContextFactory<TelephonyDbContext>
{
    protected TestDatabase(bool migrate) => Migrate = migrate;

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    protected bool Migrate { get; }

    public abstract TelephonyDbContext CreateDbContext();

    public async Task MigrateAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask InitializeAsync()
    {
        await CreateAsync();
        if (Migrate)
        {
            await MigrateAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task CreateAsync();

    protected abstract Task DropAsync();
}
