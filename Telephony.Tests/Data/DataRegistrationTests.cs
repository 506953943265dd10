using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Idempotency;
using Telephony.Data.RateLimiting;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

public sealed class DataRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_SQLite_registration_migrates_runs_in_WAL_mode_and_provides_the_stores()
    {
        await using var database = await SqliteDatabase.CreateEmptyAsync();
        await using var services = new ServiceCollection()
            .AddTelephonyData(DatabaseProvider.Sqlite, database.ConnectionString)
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();

        await DatabaseMigrator.MigrateAsync(factory, Ct);

        await using var db = await factory.CreateDbContextAsync(Ct);
        var journalMode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync(Ct);
        Assert.Equal("wal", journalMode);
        Assert.NotNull(services.GetRequiredService<RateLimitStore>());
        Assert.NotNull(services.GetRequiredService<CallStore>());
        Assert.NotNull(services.GetRequiredService<IdempotencyStore>());
    }

    [Fact]
    public async Task The_PostgreSQL_registration_migrates_and_a_stale_voicemail_write_is_refused()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        await using var services = new ServiceCollection()
            .AddTelephonyData(DatabaseProvider.Postgres, database.ConnectionString)
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        await DatabaseMigrator.MigrateAsync(factory, Ct);
        var id = Guid.NewGuid();
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.Voicemails.Add(new VoicemailMessage { Id = id, CallSid = "CA1", RecordingSid = "RE1", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await using var alice = await factory.CreateDbContextAsync(Ct);
        await using var bob = await factory.CreateDbContextAsync(Ct);
        var claimedByAlice = await alice.Voicemails.SingleAsync(v => v.Id == id, Ct);
        var claimedByBob = await bob.Voicemails.SingleAsync(v => v.Id == id, Ct);
        claimedByAlice.State = VoicemailState.Claimed;
        claimedByAlice.AssigneeUserId = "alice";
        await alice.SaveChangesAsync(Ct);
        claimedByBob.State = VoicemailState.Claimed;
        claimedByBob.AssigneeUserId = "bob";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync(Ct));
    }
}
