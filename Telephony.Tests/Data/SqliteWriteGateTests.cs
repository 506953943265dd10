using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

/// <summary>
/// The SQLite write gate queues this process's saves; every way out of a save must hand it on, or the next write
/// waits for ever. A concurrency conflict is the way EF Core reports to interceptors differently from other failures.
/// </summary>
public sealed class SqliteWriteGateTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task A_concurrency_conflict_releases_the_gate_for_the_next_save()
    {
        // A hang is the failure this guards against: give it a bound rather than hang the suite.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        await using (var db = database.CreateDbContext())
        {
            db.Calls.Add(new Call { CallSid = sid, AccountSid = "AC1", From = "+14385550100", To = "+15005550001", Direction = "inbound" });
            await db.SaveChangesAsync(bound.Token);
        }

        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var mine = await first.Calls.SingleAsync(c => c.CallSid == sid, bound.Token);
        var theirs = await second.Calls.SingleAsync(c => c.CallSid == sid, bound.Token);
        mine.Language = "fr";
        await first.SaveChangesAsync(bound.Token);
        theirs.Route = CallRoute.Support;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(bound.Token));

        await using var next = database.CreateDbContext();
        var call = await next.Calls.SingleAsync(c => c.CallSid == sid, bound.Token);
        call.Route = CallRoute.Sales;
        Assert.Equal(1, await next.SaveChangesAsync(bound.Token));
    }

    [Fact]
    public async Task Many_concurrent_saves_all_land()
    {
        var sids = Enumerable.Range(0, 64).Select(_ => "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())).ToList();
        await Task.WhenAll(sids.Select(async sid =>
        {
            await using var db = database.CreateDbContext();
            db.Calls.Add(new Call { CallSid = sid, AccountSid = "AC1", From = "+14385550101", To = "+15005550001", Direction = "inbound" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }));

        await using var check = database.CreateDbContext();
        Assert.Equal(sids.Count, await check.Calls.CountAsync(c => sids.Contains(c.CallSid), TestContext.Current.CancellationToken));
    }
}
