using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Telephony.Core.Calls;
using Telephony.Core.Simulator;
using Telephony.Core.Twilio;
using Telephony.Data.Provisioning;
using Telephony.Data.Voicemail;
using Telephony.Tests.Hotline;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Live;

namespace Telephony.Tests.ScaleOut;

/// <summary>
/// Two real app processes on one PostgreSQL behind a (simulated) load balancer, one Twilio (fake) in front of both: calls
/// spread over both reach every dashboard, the shared limits hold, and SIGKILLing an instance loses nothing.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://hotline.example.com";
    private const string ApiKey = "scale-out-admin-api-key-0123456789";
    private const int CallsPerStream = 40;

    private readonly PostgresDatabase database = new();
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("telephony-shared-data-").FullName;
    private FakeTwilioHost twilio = null!;
    private AppProcess a = null!;
    private AppProcess b = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        twilio = await FakeTwilioHost.StartAsync();
        a = AppProcess.Start("instance-a", Environment("a"));
        b = AppProcess.Start("instance-b", Environment("b"));
    }

    public async ValueTask DisposeAsync()
    {
        a?.Dispose();
        b?.Dispose();
        if (twilio is not null)
        {
            await twilio.DisposeAsync();
        }

        await database.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Two_instances_share_calls_dashboards_limits_and_survive_one_being_killed()
    {
        try
        {
            await PlayTheWholeScenarioAsync();
        }
        catch (Exception) when (ReportInstanceOutput())
        {
            // never reached: the filter only prints what both processes logged, and the failure goes on
        }
    }

    private bool ReportInstanceOutput()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(a.Dump() + System.Environment.NewLine + b.Dump());
        return false;
    }

    private async Task PlayTheWholeScenarioAsync()
    {
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(180), Ct), b.WaitReadyAsync(TimeSpan.FromSeconds(180), Ct));
        var instances = new[] { a, b };
        Mark("both ready");
        using var balancer = new LoadBalancer(instances);

        // A dashboard on each instance, both signed in with the cookie instance A issued (the key ring is shared).
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = a.Address };
        var cookie = await FormSignIn.SignInForCookieAsync(browser, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        await using var dashboardA = await Dashboard.ConnectAsync(a, cookie);
        await using var dashboardB = await Dashboard.ConnectAsync(b, cookie);

        // 1. Calls whose every request may land on either instance; both dashboards see every one.
        var first = await PlayCallsAsync(balancer, CallsPerStream);
        await dashboardA.WaitForCallsAsync(first.Select(c => c.Call.CallSid));
        await dashboardB.WaitForCallsAsync(first.Select(c => c.Call.CallSid));
        Mark("first stream seen by both dashboards");

        // 2. The rate limit is one counter for both: 14 calls from one number, alternating instances, admit exactly 10.
        var caller = HotlineHarness.NextCaller();
        if (DateTime.UtcNow.Second >= 55)
        {
            // The limiter counts in fixed UTC minutes: keep the burst inside one.
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second), Ct);
        }

        var signer = new TwilioSignatureValidator(FakeTwilioHost.AuthToken);
        var answers = await Task.WhenAll(Enumerable.Range(0, 14).Select(async _ =>
        {
            List<KeyValuePair<string, string>> form = [new("CallSid", CallSimulator.NewSid("CA")), new("From", caller), new("To", HotlineHarness.HotlineNumber)];
            var url = PublicBaseUrl + "/twilio/voice/frontdoor";
            var response = await balancer.PostAsync(url, form, signer.ComputeSignature(url, form), Ct);
            return XDocument.Parse(response.Body);
        }));
        Assert.Equal(10, answers.Count(d => d.Root!.Element("Gather") is not null));
        Assert.Equal(4, answers.Count(d => d.Root!.Element("Reject") is not null));

        // 3. One Idempotency-Key sent to both instances at once: one transaction, both answers point at it.
        using var adminA = Admin(a);
        using var adminB = Admin(b);
        var tenantName = "Twice Sent " + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();
        var twice = await Task.WhenAll(OnboardAsync(adminA, tenantName, key), OnboardAsync(adminB, tenantName, key));
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(twice[0].Headers.Location, twice[1].Headers.Location);
        Mark("rate limit and idempotency");

        // 4. Exactly one instance evaluates the alert rules.
        await EventuallyAsync(() => Task.FromResult(instances.Count(i => i.Logged(EvaluatorAcquired)) == 1), "one evaluator");
        Assert.Equal(1, await EvaluatorLocksAsync());

        // 5. Provisioning on B while Twilio is slow, a second stream of calls, and B is SIGKILLed in the middle of it all.
        twilio.Delay = TimeSpan.FromMilliseconds(400);
        var onB = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await OnboardAsync(adminB, $"Survivor {i} {Guid.NewGuid():N}"[..20], null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            onB.Add(Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]));
        }

        var second = PlayCallsAsync(balancer, CallsPerStream);
        await EventuallyAsync(async () => await CountCallsAsync() > CallsPerStream + 14 + 5, "the second stream under way");
        var inFlight = await CountTransactionsAsync(onB, TransactionStatus.Running) + await CountTransactionsAsync(onB, TransactionStatus.Pending);
        b.Kill();
        var secondCalls = await second;
        Mark("B killed, second stream done");
        twilio.Delay = TimeSpan.Zero;

        Assert.True(inFlight > 0, "no transaction was in flight when B was killed");
        Assert.True(balancer.Resent > 0, "no request had to be re-sent: B was killed too late to matter");

        // Nothing lost: every call once and completed, every voicemail once with its audio, every transaction completed.
        var all = first.Concat(secondCalls).ToList();
        Assert.All(all, c => Assert.NotEqual(SimulatedCallOutcome.ApplicationError, c.Call.Outcome));
        await using var db = database.CreateDbContext();
        var sids = all.Select(c => c.Call.CallSid).ToList();
        var calls = await db.Calls.Where(c => sids.Contains(c.CallSid)).ToListAsync(Ct);
        Assert.Equal(all.Count, calls.Count);
        Assert.All(calls, c => Assert.Equal(CallStatus.Completed, c.Status));
        var expectVoicemail = all.Where(c => c.LeftVoicemail).Select(c => c.Call.CallSid).ToHashSet();
        var voicemails = await db.Voicemails.Where(v => sids.Contains(v.CallSid)).Select(v => v.CallSid).ToListAsync(Ct);
        Assert.Equal(expectVoicemail.Count, voicemails.Count);
        Assert.Equal(expectVoicemail.Order(), voicemails.Order());
        await EventuallyAsync(
            async () => await db.Voicemails.CountAsync(v => sids.Contains(v.CallSid) && v.AudioStatus == AudioStatus.Fetched, Ct) == expectVoicemail.Count,
            "every voicemail's audio fetched into the shared data directory");
        await EventuallyAsync(async () => await CountTransactionsAsync(onB, TransactionStatus.Completed) == onB.Count, "B's transactions completed by A", TimeSpan.FromSeconds(30));
        Mark("B's transactions completed");
        Assert.Equal(1, await db.ProvisioningTransactions.CountAsync(t => t.PayloadJson.Contains(tenantName), Ct));

        // The alert evaluator lives on: if B held the lock, PostgreSQL released it with B's session and A took over.
        await EventuallyAsync(() => Task.FromResult(a.Logged(EvaluatorAcquired)), "A evaluating the alerts", TimeSpan.FromSeconds(15));
        Assert.Equal(1, await EvaluatorLocksAsync());
        await dashboardA.WaitForCallsAsync(secondCalls.Select(c => c.Call.CallSid));
    }

    // Where the time goes, in the test output (the machine may be shared; no assertion on it).
    private void Mark(string step) => TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {step}");

    private const string EvaluatorAcquired = "This instance now evaluates the alert rules";

    private Dictionary<string, string> Environment(string instance) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Telephony"] = database.ConnectionString,
        ["Twilio__AccountSid"] = FakeTwilioHost.AccountSid,
        ["Twilio__AuthToken"] = FakeTwilioHost.AuthToken,
        ["Twilio__PublicBaseUrl"] = PublicBaseUrl,
        ["Twilio__ApiBaseUrl"] = twilio.ApiBaseUrl,
        ["Telephony__SalesNumber"] = HotlineHarness.SalesNumber,
        ["Telephony__SupportNumber"] = HotlineHarness.SupportNumber,
        ["Telephony__DatabaseBudgetMilliseconds"] = "10000", // a busy 2-core test machine, not a slow database
        ["Bootstrap__AdminEmail"] = TelephonyAppFactory.AdminEmail,
        ["Bootstrap__AdminPassword"] = TelephonyAppFactory.AdminPassword,
        ["Bootstrap__ApiKey"] = ApiKey,
        // Short, so A takes over soon after B dies; longer than any one saga step even on a loaded machine (the lease
        // is renewed per step: a step outliving it would let the other instance drive the saga at the same time).
        ["Provisioning__LeaseDuration"] = "00:00:08",
        ["Provisioning__RecoveryInterval"] = "00:00:00.500",
        ["Provisioning__TwilioAttemptTimeout"] = "00:00:10",
        ["Provisioning__TwilioRetryBaseDelay"] = "00:00:00.050",
        ["Provisioning__IdempotencyWait"] = "00:00:10",
        ["Storage__DataDirectory"] = dataDirectory, // shared, like a volume mounted into every container
        ["Journal__Directory"] = Path.Combine(dataDirectory, "journal-" + instance), // each instance's own
        ["Storage__PollMilliseconds"] = "200",
        ["Storage__RetryBaseSeconds"] = "1",
        ["Alerts__EvaluationSeconds"] = "1",
    };

    /// <summary>Plays whole calls (voicemail, answered transfer, unanswered transfer) eight at a time through the balancer.</summary>
    private async Task<List<PlayedCall>> PlayCallsAsync(LoadBalancer balancer, int count)
    {
        var simulator = new CallSimulator(FakeTwilioHost.AuthToken, PublicBaseUrl, balancer, new SimulatorOptions
        {
            AccountSid = FakeTwilioHost.AccountSid,
            AudioBaseUrl = twilio.AudioBaseUrl,
        });
        using var gate = new SemaphoreSlim(8);
        return [.. await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var script = (i % 3) switch
            {
                0 => new CallerScript(HotlineHarness.NextCaller(), HotlineHarness.HotlineNumber) { Keys = ["9"] },
                1 => new CallerScript(HotlineHarness.NextCaller(), HotlineHarness.HotlineNumber) { Keys = ["1"], AgentAnswers = true },
                _ => new CallerScript(HotlineHarness.NextCaller(), HotlineHarness.HotlineNumber) { Keys = ["2"] },
            };
            await gate.WaitAsync(Ct);
            try
            {
                return new PlayedCall(await simulator.PlayAsync(script, Ct), LeftVoicemail: !script.AgentAnswers);
            }
            finally
            {
                gate.Release();
            }
        }))];
    }

    private sealed record PlayedCall(SimulatedCall Call, bool LeftVoicemail);

    private static HttpClient Admin(AppProcess instance)
    {
        var client = new HttpClient { BaseAddress = instance.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    private static async Task<HttpResponseMessage> OnboardAsync(HttpClient client, string name, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { name, areaCode = "604" }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    private async Task<int> CountTransactionsAsync(IReadOnlyCollection<Guid> ids, TransactionStatus status)
    {
        await using var db = database.CreateDbContext();
        return await db.ProvisioningTransactions.CountAsync(t => ids.Contains(t.Id) && t.Status == status, Ct);
    }

    private async Task<int> CountCallsAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Calls.CountAsync(c => c.ParentCallSid == null, Ct);
    }

    /// <summary>Sessions holding the alert evaluator's advisory lock (PostgreSQL shows a 64-bit key as two 32-bit halves).</summary>
    private async Task<long> EvaluatorLocksAsync()
    {
        const long key = 0x616c65727473; // PostgresEvaluatorLease.LockKey
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = @high AND objid = @low",
            connection);
        command.Parameters.AddWithValue("high", (long)(key >> 32));
        command.Parameters.AddWithValue("low", key & 0xffffffff);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>A non-Blazor client of <c>/hubs/operations</c> on one instance, remembering the calls it heard about.</summary>
    private sealed class Dashboard : IAsyncDisposable
    {
        private readonly HubConnection hub;
        private readonly ConcurrentDictionary<string, byte> calls = new(StringComparer.Ordinal);

        private Dashboard(HubConnection hub, string name)
        {
            this.hub = hub;
            Name = name;
        }

        public string Name { get; }

        public static async Task<Dashboard> ConnectAsync(AppProcess instance, string cookie)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(instance.Address, OperationsHub.Route), o => o.Headers["Cookie"] = cookie)
                .Build();
            var dashboard = new Dashboard(hub, instance.Name);
            hub.On<string, string?, string?>(OperationsHub.ChangedMethod, (kind, id, _) =>
            {
                if (kind == "call" && id is not null)
                {
                    dashboard.calls.TryAdd(id, 0);
                }
            });
            await hub.StartAsync(Ct);
            return dashboard;
        }

        public async Task WaitForCallsAsync(IEnumerable<string> sids)
        {
            var expected = sids.ToList();
            await EventuallyAsync(
                () => Task.FromResult(expected.All(calls.ContainsKey)),
                $"the dashboard on {Name} to hear of {expected.Count(s => !calls.ContainsKey(s))} more of {expected.Count} calls",
                TimeSpan.FromSeconds(10));
        }

        public ValueTask DisposeAsync() => hub.DisposeAsync();
    }
}
