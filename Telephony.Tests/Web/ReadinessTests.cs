using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Web.Journal;

namespace Telephony.Tests.Web;

/// <summary><c>/health/ready</c> names each dependency and says how it is, for load balancers and people alike.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly TelephonyAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        // The journaled record below stays put: the replayer waits far longer than the test.
        app.Settings["Journal:ReplayInterval"] = "00:10:00";
        app.Settings["Journal:StalledAfter"] = "00:00:01";
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_ready_app_reports_each_dependency_healthy()
    {
        using var client = app.CreateBrowserlessClient();

        var (status, body) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal(["change-feed", "database", "journal", "warm-up"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_waiting_journal_is_degraded_and_one_that_does_not_drain_is_unhealthy_with_503()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateBrowserlessClient();
        await ReadyAsync(client);
        var journal = app.Services.GetRequiredService<WebhookJournal>();
        await journal.AppendAsync(
            new JournalRecord(Guid.NewGuid().ToString("N"), "/twilio/voice/status", DateTimeOffset.UtcNow, "test", [new("CallSid", "CA0123")], new Dictionary<string, string>()),
            ct);

        var (status, body) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var entry = body.GetProperty("checks").GetProperty("journal");
        Assert.Equal("Degraded", entry.GetProperty("status").GetString());
        Assert.Equal(1, entry.GetProperty("data").GetProperty("pending").GetInt32());
        Assert.DoesNotContain("CA0123", body.GetRawText(), StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(1.2), ct);
        (status, body) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        entry = body.GetProperty("checks").GetProperty("journal");
        Assert.Equal("Unhealthy", entry.GetProperty("status").GetString());
        Assert.Contains("not draining", entry.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        return (response.StatusCode, body);
    }
}
