using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Alerts;

public sealed class AlertEvaluatorPostgresTests : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Two_instances_evaluating_at_once_create_exactly_one_alert_and_the_other_takes_over_when_the_first_stops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateDbContext())
        {
            await AlertSeed.VoicemailsAsync(db, 11, DateTimeOffset.UtcNow);
        }

        var a = new AlertAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = new AlertAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        try
        {
            _ = a.Evaluator; // start one after the other: both would otherwise race to create the first admin
            _ = b.Evaluator;

            for (var round = 0; round < 3; round++)
            {
                var evaluated = await Task.WhenAll(a.Evaluator.EvaluateOnceAsync(ct), b.Evaluator.EvaluateOnceAsync(ct));
                Assert.Single(evaluated, e => e); // one leader, the other stood by
            }

            await using (var db = database.CreateDbContext())
            {
                var alert = Assert.Single(await db.Alerts.ToListAsync(ct));
                Assert.Equal(AlertStatus.Firing, alert.Status);
            }

            var leaderWasA = await a.Evaluator.EvaluateOnceAsync(ct);
            var (leader, follower) = leaderWasA ? (a, b) : (b, a);
            await leader.DisposeAsync();

            // PostgreSQL frees the lock when the leader's backend has exited, a moment after its connection closed: the
            // follower takes over on one of its next ticks.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!await follower.Evaluator.EvaluateOnceAsync(ct))
            {
                Assert.True(DateTime.UtcNow < deadline, "The follower never took over the evaluation.");
                await Task.Delay(100, ct);
            }

            await using (var db = database.CreateDbContext())
            {
                await AlertSeed.ClearBacklogAsync(db);
            }

            Assert.True(await follower.Evaluator.EvaluateOnceAsync(ct));
            await using (var db = database.CreateDbContext())
            {
                Assert.Equal(AlertStatus.Resolved, (await db.Alerts.SingleAsync(ct)).Status);
            }
        }
        finally
        {
            await a.DisposeAsync();
        }
    }
}
