using Microsoft.EntityFrameworkCore;
using Telephony.Data.Calls;
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
