using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Telephony.Data.Calls;
using Telephony.Data.Infrastructure;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

public abstract class MigrationTests
{
    protected abstract Task<TestDatabase> CreateEmptyDatabaseAsync();

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await using var database = await CreateEmptyDatabaseAsync();
        await using (var empty = database.CreateDbContext())
        {
            Assert.NotEmpty(await empty.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        }

        await database.MigrateAsync();

        await using var db = database.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Calls.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_model_has_no_changes_that_are_missing_from_the_migrations()
    {
        await using var database = await CreateEmptyDatabaseAsync();
        await using var db = database.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add` for both providers (see Telephony.Data/Migrations/README.md).");
    }

    [Fact]
    public async Task Each_database_gets_its_own_identity_from_the_migrations_also_when_an_existing_one_is_upgraded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var upgraded = await CreateEmptyDatabaseAsync();
        await using var fresh = await CreateEmptyDatabaseAsync();
        await using (var db = upgraded.CreateDbContext())
        {
            // A database in production before the identity existed, with data in it.
            await db.GetService<IMigrator>().MigrateAsync("DropRedundantCallStatusIndex", ct);
            db.Calls.Add(new Call { CallSid = $"CA{0:D32}", From = "+15550001111", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        await upgraded.MigrateAsync();
        await fresh.MigrateAsync();

        var ids = new List<string>();
        foreach (var database in new[] { upgraded, fresh })
        {
            await using var db = database.CreateDbContext();
            var row = Assert.Single(await db.DatabaseIdentityRows.AsNoTracking().ToListAsync(ct));
            Assert.Matches("^[0-9a-f]{32}$", row.Id);
            Assert.Equal(row.Id, await new DatabaseIdentity().LoadAsync(database, ct));
            ids.Add(row.Id);
        }

        Assert.NotEqual(ids[0], ids[1]);
        await using var second = upgraded.CreateDbContext();
        second.DatabaseIdentityRows.Add(new DatabaseIdentityRow { Key = 2, Id = new string('0', 32) });
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(ct)); // one row, one identity
    }

    [Fact]
    public async Task Times_round_trip_exactly_and_compare_and_sort_in_the_database()
    {
        await using var database = await CreateEmptyDatabaseAsync();
        await database.MigrateAsync();
        // Microsecond precision: the finest both providers keep (PostgreSQL timestamptz stops at microseconds).
        var start = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5890);
        await using (var db = database.CreateDbContext())
        {
            for (var i = 0; i < 5; i++)
            {
                db.Calls.Add(new Call { CallSid = $"CA{i:D32}", From = "+15550001111", CreatedAt = start.AddMinutes(i), UpdatedAt = start });
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = database.CreateDbContext();
        var since = start.AddMinutes(2);
        var recent = await read.Calls
            .Where(c => c.CreatedAt >= since && c.From == "+15550001111")
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => c.CreatedAt)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([start.AddMinutes(4), start.AddMinutes(3), start.AddMinutes(2)], recent);
        Assert.All(recent, t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }
}

public sealed class SqliteMigrationTests : MigrationTests
{
    protected override async Task<TestDatabase> CreateEmptyDatabaseAsync() => await SqliteDatabase.CreateEmptyAsync();
}

public sealed class PostgresMigrationTests : MigrationTests
{
    protected override async Task<TestDatabase> CreateEmptyDatabaseAsync() => await PostgresDatabase.CreateEmptyAsync();
}
