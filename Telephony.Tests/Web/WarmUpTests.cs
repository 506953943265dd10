using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telephony.Data;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Hosting.WarmUp;
using Telephony.Web.Telemetry;

namespace Telephony.Tests.Web;

/// <summary>
/// <c>/health/ready</c> stays 503 until the start-up warm-up is done, and the warm-up's throw-away calls leave nothing
/// behind: no row of a call, an SMS or a caller's count, and no count in the hotline's metrics.
/// </summary>
public sealed class WarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Ready_is_503_while_the_warm_up_runs_and_200_after_and_its_throw_away_calls_leave_no_trace(DatabaseProvider provider)
    {
        await using var database = provider == DatabaseProvider.Postgres ? await PostgresDatabase.CreateEmptyAsync() : null;
        await using var app = new TelephonyAppFactory(provider, database?.ConnectionString);
        app.Settings["WarmUp:Enabled"] = "true";
        app.Settings["WarmUp:MaxDuration"] = "00:00:05";
        var last = new HeldStep();
        using var webhooks = new WebhookCounter();
        using var logs = new RecordingLoggerProvider();
        await using var warming = app.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l.AddProvider(logs))
            .ConfigureTestServices(s => s.AddSingleton<IWarmUpStep>(last)));
        using var client = warming.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Held in its last step: the calls were played and cleaned up, the instance is not warm yet.
        var run = await last.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var (status, body) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", Entry(body, "warm-up").GetProperty("status").GetString());
        Assert.Equal("Healthy", Entry(body, "database").GetProperty("status").GetString());
        (status, _) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);

        // A load balancer polls readiness while the instance starts: that is not an error, and the log does not say it is.
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && e.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal));
        Assert.True(run.Rounds >= 1, "no round of throw-away calls was played");
        Assert.True(run.ConsoleRounds >= 3, $"the console's queries ran {run.ConsoleRounds} rounds, not until the JIT was done with them");
        Assert.DoesNotContain(run.Notes, n => n.StartsWith("HTTP", StringComparison.Ordinal) || n.Contains("failed", StringComparison.Ordinal)); // every throw-away webhook was answered 200
        await using (var db = warming.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext())
        {
            Assert.Equal(0, await db.Calls.CountAsync(Ct));
            Assert.Equal(0, await db.CallEvents.CountAsync(Ct));
            Assert.Equal(0, await db.ConsentRecords.CountAsync(Ct));
            Assert.Equal(0, await db.Voicemails.CountAsync(Ct));
            Assert.Equal(0, await db.SmsMessages.CountAsync(Ct));
            Assert.Equal(0, await db.SmsOptOuts.CountAsync(Ct));
            Assert.Equal(0, await db.RateLimitCounters.CountAsync(Ct));
            Assert.Equal(0, await db.RateLimitViolations.CountAsync(Ct));
            Assert.Equal(0, await db.WebhookErrors.CountAsync(Ct));
        }

        Assert.Equal(0, webhooks.For(warming.Services));

        last.Release.SetResult();
        (status, body) = await WaitReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        var warm = Entry(body, "warm-up");
        Assert.Equal("Healthy", warm.GetProperty("status").GetString());
        Assert.True(warm.GetProperty("data").GetProperty("readyAfterMilliseconds").GetDouble() > 0);
        Assert.True(warm.GetProperty("data").GetProperty("rounds").GetInt32() >= 1);
        Assert.True(warm.GetProperty("data").GetProperty("consoleRounds").GetInt32() >= 3);
        Assert.InRange(warm.GetProperty("data").GetProperty("heapCommittedMegabytes").GetDouble(), 1, 4096);
    }

    [Fact]
    public async Task Turned_off_the_warm_up_leaves_the_instance_ready_at_once()
    {
        await using var app = new TelephonyAppFactory();
        using var client = app.CreateBrowserlessClient();

        var (status, body) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", Entry(body, "warm-up").GetProperty("status").GetString());
        Assert.Contains("turned off", Entry(body, "warm-up").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Entry(JsonElement body, string name) => body.GetProperty("checks").GetProperty(name);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, body) = await ReadyAsync(client);
            if (status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return (status, body);
            }

            await Task.Delay(50, Ct);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>A last warm-up step that holds the warm-up until the test lets it go.</summary>
    private sealed class HeldStep : IWarmUpStep
    {
        public TaskCompletionSource<WarmUpRun> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "held by the test";

        public async Task RunAsync(WarmUpRun run, CancellationToken cancellationToken)
        {
            Entered.TrySetResult(run);
            await Release.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The <c>hotline.webhooks</c> counts, by the meter factory (one per app) that made them.</summary>
    private sealed class WebhookCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<(object? Scope, long Value)> seen = [];

        public WebhookCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == HotlineMetrics.MeterName && instrument.Name == "hotline.webhooks")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (seen)
                {
                    seen.Add((instrument.Meter.Scope, value));
                }
            });
            listener.Start();
        }

        public long For(IServiceProvider services)
        {
            var scope = services.GetRequiredService<IMeterFactory>();
            lock (seen)
            {
                return seen.Where(s => ReferenceEquals(s.Scope, scope)).Sum(s => s.Value);
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
