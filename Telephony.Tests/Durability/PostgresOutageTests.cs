using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Telephony.Core.Calls;
using Telephony.Core.Simulator;
using Telephony.Data;
using Telephony.Data.Infrastructure;
using Telephony.Tests.Hotline;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Journal;

namespace Telephony.Tests.Durability;

/// <summary>
/// "Nothing lost": PostgreSQL really stops (a private cluster, stopped with <c>-m immediate</c>) in the middle of a
/// stream of calls with voicemails, then starts again; every call and voicemail ends up stored exactly once.
/// </summary>
public sealed class PostgresOutageTests(PrivatePostgresCluster cluster) : IClassFixture<PrivatePostgresCluster>
{
    private const int CallsPerPhase = 3;

    [Fact]
    public async Task Calls_and_voicemails_made_while_PostgreSQL_is_stopped_are_all_stored_exactly_once_when_it_returns()
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        await using var app = Start(connectionString);
        var hotline = new HotlineHarness(app);
        var played = new List<SimulatedCall>();
        played.AddRange(await PlayAsync(hotline, CallsPerPhase)); // also starts the app while the database is up

        // Stop PostgreSQL while the next call is already under way, and keep calling.
        var during = PlayAsync(hotline, CallsPerPhase);
        await cluster.StopAsync();
        played.AddRange(await during);
        Assert.True(app.Services.GetRequiredService<WebhookJournal>().PendingCount > 0, "the outage left nothing in the journal");

        await cluster.StartAsync();
        played.AddRange(await PlayAsync(hotline, CallsPerPhase));

        await AssertEachStoredOnceAsync(connectionString, app.Services.GetRequiredService<WebhookJournal>(), played);
    }

    [Fact]
    public async Task Webhooks_journaled_before_a_restart_are_replayed_by_the_next_instance_on_the_same_data_directory()
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"telephony-journal-{Guid.NewGuid():N}");
        try
        {
            var played = new List<SimulatedCall>();
            await using (var first = Start(connectionString, dataDirectory))
            {
                var hotline = new HotlineHarness(first);
                played.AddRange(await PlayAsync(hotline, 1));
                await cluster.StopAsync();
                played.AddRange(await PlayAsync(hotline, CallsPerPhase));
            }

            // The instance is gone with the database still down; what it answered is on disk.
            var path = Path.Combine(dataDirectory, "journal", "webhooks.jsonl");
            using (var leftOver = new WebhookJournal(path, NullLogger<WebhookJournal>.Instance))
            {
                Assert.True(leftOver.PendingCount >= CallsPerPhase * 3, $"expected the outage's webhooks on disk, found {leftOver.PendingCount}");
            }

            await cluster.StartAsync();
            await using var second = Start(connectionString, dataDirectory);
            _ = second.Services; // starts the host: the replayer picks up the previous run's records
            await AssertEachStoredOnceAsync(connectionString, second.Services.GetRequiredService<WebhookJournal>(), played);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static TelephonyAppFactory Start(string connectionString, string? dataDirectory = null)
    {
        var app = new TelephonyAppFactory(DatabaseProvider.Postgres, connectionString);
        HotlineHarness.Configure(app);
        app.Settings["Telephony:DatabaseBudgetMilliseconds"] = "2000";
        app.Settings["Journal:ReplayInterval"] = "00:00:00.200";
        if (dataDirectory is not null)
        {
            app.Settings["Storage:DataDirectory"] = dataDirectory;
        }

        return app;
    }

    /// <summary>Plays calls that go to voicemail, one after another, and checks Twilio got 200 TwiML for every request.</summary>
    private static async Task<List<SimulatedCall>> PlayAsync(HotlineHarness hotline, int count)
    {
        var calls = new List<SimulatedCall>();
        for (var i = 0; i < count; i++)
        {
            var call = await hotline.CallAsync(HotlineHarness.Caller("9") with { VoicemailTranscript = $"Message {i}, please call back." });
            Assert.Equal(SimulatedCallOutcome.Completed, call.Outcome);
            Assert.All(call.Requests, r => Assert.Equal(200, r.StatusCode));
            Assert.Single(call.VerbsNamed("Record"));
            calls.Add(call);
        }

        return calls;
    }

    private static async Task AssertEachStoredOnceAsync(string connectionString, WebhookJournal journal, List<SimulatedCall> played)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (journal.PendingCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, journal.PendingCount);
        var callSids = played.Select(c => c.CallSid).ToList();
        var recordingSids = played
            .SelectMany(c => c.Requests)
            .Where(r => r.Path.EndsWith("/recording-status", StringComparison.Ordinal))
            .Select(r => r.Form.Single(f => f.Key == "RecordingSid").Value)
            .ToList();
        Assert.Equal(played.Count, recordingSids.Count);

        await using var db = TelephonyDbOptions.CreatePostgres(connectionString);
        var ct = TestContext.Current.CancellationToken;
        var calls = await db.Calls.AsNoTracking().Where(c => callSids.Contains(c.CallSid)).ToListAsync(ct);
        Assert.Equal(callSids.Order(), calls.Select(c => c.CallSid).Order());
        Assert.All(calls, c => Assert.True(c.ReachedVoicemail, $"call {c.CallSid} lost its voicemail mark"));
        Assert.All(calls, c => Assert.Equal(CallStatus.Completed, c.Status));

        var voicemails = await db.Voicemails.AsNoTracking().Where(v => callSids.Contains(v.CallSid)).ToListAsync(ct);
        Assert.Equal(recordingSids.Order(), voicemails.Select(v => v.RecordingSid).Order());
        Assert.All(voicemails, v => Assert.StartsWith("Message ", v.Transcript));
        Assert.Equal(callSids.Count, await db.CallEvents.CountAsync(e => callSids.Contains(e.CallSid) && e.Kind == "created", ct));
    }
}
