using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Idempotency;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Provisioning;

public abstract class IdempotencyKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ProvisioningHarness> StartAsync(IDictionary<string, string?>? settings = null);

    [Fact]
    public async Task Fifty_concurrent_identical_onboardings_with_one_key_buy_exactly_one_number_and_all_get_the_same_answer()
    {
        // Fifty requests at once on a loaded test machine: the fake Twilio may take longer than the harness's usual 1 s
        // per attempt, and a step that times out three times is compensated, which is not what this test is about.
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["Provisioning:TwilioAttemptTimeout"] = "00:00:10" });
        using var client = harness.AdminClient();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var response = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name = "Acme Dental", areaCode = "604" }, key);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct), Location: response.Headers.Location?.ToString());
        })));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"{r.StatusCode}: {r.Body}\n{harness.Errors()}"));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Single(responses.Select(r => r.Location).Distinct());
        var id = Guid.Parse(responses[0].Location![(responses[0].Location!.LastIndexOf('/') + 1)..]);
        var ended = await ProvisioningHarness.WaitForEndAsync(client, id);
        Assert.True(ended.GetProperty("status").GetString() == "completed", $"{ended}\n{harness.Errors()}");
        Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/transactions", Ct) ?? []);
        Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/tenants", Ct) ?? []);
        Assert.Single(harness.Twilio.Numbers);
        Assert.Single(harness.ActiveSubaccounts());
    }

    [Fact]
    public async Task A_replay_returns_the_same_status_body_and_location_marked_as_replayed()
    {
        await using var harness = await StartAsync();
        using var client = harness.AdminClient();
        var key = Guid.NewGuid().ToString();

        using var first = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name = "Acme", areaCode = "604" }, key);
        using var again = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name = "Acme", areaCode = "604" }, key);

        Assert.True(first.StatusCode == HttpStatusCode.Accepted, $"{first.StatusCode}: {await first.Content.ReadAsStringAsync(Ct)}\n{harness.Errors()}");
        Assert.True(again.StatusCode == HttpStatusCode.Accepted, $"{again.StatusCode}: {await again.Content.ReadAsStringAsync(Ct)}\n{harness.Errors()}");
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        await using var harness = await StartAsync();
        using var client = harness.AdminClient();
        var key = Guid.NewGuid().ToString();
        using var first = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name = "Acme", areaCode = "604" }, key);
        Assert.True(first.StatusCode == HttpStatusCode.Accepted, $"{first.StatusCode}: {await first.Content.ReadAsStringAsync(Ct)}\n{harness.Errors()}");

        using var different = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name = "Acme", areaCode = "778" }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);
        Assert.Equal(422, (await different.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_duplicate_while_the_first_request_is_still_in_flight_gets_409()
    {
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["Provisioning:IdempotencyWait"] = "00:00:00.300" });
        using var client = harness.AdminClient();
        var key = Guid.NewGuid().ToString();
        const string body = """{"name":"Acme","areaCode":"604"}""";
        var store = harness.App.Services.GetRequiredService<IdempotencyStore>();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("POST /api/tenants\n" + body)));
        Assert.Equal(IdempotencyOutcome.New, (await store.TryBeginAsync(key, "POST /api/tenants", hash, Ct)).Outcome); // "the first request"

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var duplicate = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/transactions", Ct) ?? []);
    }
}

public sealed class SqliteIdempotencyKeyTests : IdempotencyKeyTests
{
    protected override Task<ProvisioningHarness> StartAsync(IDictionary<string, string?>? settings = null) =>
        Task.FromResult(ProvisioningHarness.Start(settings: settings));
}

/// <summary>The same specifications on PostgreSQL, a fresh database per test.</summary>
public sealed class PostgresIdempotencyKeyTests : IdempotencyKeyTests
{
    protected override async Task<ProvisioningHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await PostgresDatabase.CreateEmptyAsync();
        return ProvisioningHarness.Start(DatabaseProvider.Postgres, database.ConnectionString, settings, database);
    }
}
