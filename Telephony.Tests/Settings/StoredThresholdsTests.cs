using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Alerts;
using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Data.Settings;
using Telephony.Tests.Alerts;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Provisioning;
using Telephony.Web.Settings;

namespace Telephony.Tests.Settings;

/// <summary>Thresholds saved by an admin, on both providers: they outlive a restart and drive the alert evaluator.</summary>
public sealed class StoredThresholdsTests
{
    private static readonly AdminActor Admin = new("admin-id", TelephonyAppFactory.AdminEmail);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_first_start_on_an_empty_database_reads_the_thresholds_after_the_migrations_without_a_failed_read(DatabaseProvider provider)
    {
        await using TestDatabase database = provider == DatabaseProvider.Postgres ? await PostgresDatabase.CreateEmptyAsync() : await SqliteDatabase.CreateEmptyAsync();
        await using var app = new TelephonyAppFactory(provider, database.ConnectionString);
        using var client = app.CreateClient();

        using var ready = await client.GetAsync("/health/ready", Ct);
        var live = app.Services.GetRequiredService<LiveThresholds>();
        var thresholds = await live.GetAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.False(live.LastLoadFailed);
        Assert.Empty(thresholds.Stored);
        // Read before the migrations, the first load failed on a fresh database: EF Core logged the missing table as an
        // error, and the instance a warning, on every first install.
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("StoredThresholds", StringComparison.Ordinal) && e.StartsWith("Error", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("Could not read the stored thresholds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_lowered_backlog_limit_fires_the_warning_and_survives_a_restart(DatabaseProvider provider)
    {
        await using TestDatabase database = provider == DatabaseProvider.Postgres ? await PostgresDatabase.CreateEmptyAsync() : await SqliteDatabase.CreateEmptyAsync();
        await using (var first = new AlertAppFactory(provider, database.ConnectionString))
        {
            await using (var db = Db(first))
            {
                await AlertSeed.VoicemailsAsync(db, 3, DateTimeOffset.UtcNow.AddMinutes(-5));
            }

            Assert.True(await first.Evaluator.EvaluateOnceAsync(Ct));
            Assert.Empty(await OpenAlertsAsync(first)); // 3 waiting is under the configured 10

            var result = await SaveAsync(first, ("Alerts:MaxVoicemailBacklog", 2), ("Console:Tiles:VoicemailBacklogRedAbove", 2), ("Console:Tiles:VoicemailBacklogAmberAbove", 1));
            Assert.Equal(3, result.Changes.Count);

            Assert.True(await first.Evaluator.EvaluateOnceAsync(Ct));
            var alert = Assert.Single(await OpenAlertsAsync(first));
            Assert.Equal(AlertRules.VoicemailBacklog, alert.RuleKey);
            Assert.Equal("3 voicemails waiting (limit 2).", alert.Message);
        }

        await using var second = new AlertAppFactory(provider, database.ConnectionString);
        var thresholds = await second.Services.GetRequiredService<LiveThresholds>().GetAsync(Ct);
        Assert.Equal(2, thresholds.Alerts.MaxVoicemailBacklog);
        Assert.Equal(TileTone.Bad, thresholds.Tiles.VoicemailBacklog(3));
        Assert.Equal(30, thresholds.Alerts.CallWindowMinutes); // untouched settings still follow configuration
        await using (var db = Db(second))
        {
            var audited = await db.AdminAuditEntries.Where(e => e.Action == ThresholdStore.AuditAction && e.Target == "Alerts:MaxVoicemailBacklog").SingleAsync(Ct);
            Assert.Equal("10 -> 2", audited.Detail);
            Assert.Equal(TelephonyAppFactory.AdminEmail, audited.UserEmail);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_a_save_on_one_instance_changes_the_other_instances_evaluator_and_Overview_without_a_restart()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var a = new AlertAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = new AlertAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        _ = a.Evaluator; // one after the other: both would otherwise race to create the first admin
        _ = b.Evaluator;
        await using (var db = Db(a))
        {
            await AlertSeed.VoicemailsAsync(db, 3, DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        // B has read and cached the configured thresholds: its evaluation stays quiet and its Overview is green.
        Assert.True(await b.Evaluator.EvaluateOnceAsync(Ct));
        Assert.Empty(await OpenAlertsAsync(b));
        using var client = b.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        Assert.Equal("good", await BacklogToneAsync(client));

        var liveOnB = b.Services.GetRequiredService<LiveThresholds>();
        var changedOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        liveOnB.Changed += () => changedOnB.TrySetResult();
        await SaveAsync(a, ("Alerts:MaxVoicemailBacklog", 2), ("Console:Tiles:VoicemailBacklogAmberAbove", 1), ("Console:Tiles:VoicemailBacklogRedAbove", 2));

        await changedOnB.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(2, liveOnB.Current.Alerts.MaxVoicemailBacklog);
        Assert.True(await b.Evaluator.EvaluateOnceAsync(Ct));
        Assert.Equal("3 voicemails waiting (limit 2).", Assert.Single(await OpenAlertsAsync(b)).Message);
        Assert.Equal("bad", await BacklogToneAsync(client));
    }

    private static TelephonyDbContext Db(AlertAppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext();

    private static async Task<List<Alert>> OpenAlertsAsync(AlertAppFactory app)
    {
        await using var db = Db(app);
        return await db.Alerts.Where(a => a.Status == AlertStatus.Firing).ToListAsync(Ct);
    }

    private static async Task<ThresholdSaveResult> SaveAsync(AlertAppFactory app, params (string Key, double Value)[] changes)
    {
        var values = new Dictionary<string, double>(app.Services.GetRequiredService<LiveThresholds>().Defaults);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        var result = await app.Services.GetRequiredService<ThresholdEditing>().SaveAsync(values, Admin, Ct);
        Assert.Empty(result.Problems);
        Assert.False(result.Conflict);
        return result;
    }

    /// <summary>The backlog tile's tone on the Overview as the server renders it for a browser.</summary>
    private static async Task<string> BacklogToneAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var tile = System.Text.RegularExpressions.Regex.Match(html, "<div[^>]*data-testid=\"tile-backlog\"[^>]*>");
        Assert.True(tile.Success, "The Overview has no backlog tile.");
        return System.Text.RegularExpressions.Regex.Match(tile.Value, "tone-([a-z]+)").Groups[1].Value;
    }
}
