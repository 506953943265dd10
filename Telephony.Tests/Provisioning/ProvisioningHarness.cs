using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Tests.Web;
using Telephony.Web.Simulator;

namespace Telephony.Tests.Provisioning;

/// <summary>
/// The app on Kestrel (so its Twilio REST client reaches the built-in fake Twilio over real HTTP), with the bootstrap
/// API key, short leases and fast retries; one per test, so the fake Twilio starts empty.
/// </summary>
public sealed class ProvisioningHarness : IAsyncDisposable
{
    public const string ApiKey = "test-admin-api-key-0123456789";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly IAsyncDisposable? database;

    private ProvisioningHarness(TelephonyAppFactory app, IAsyncDisposable? database)
    {
        App = app;
        this.database = database;
    }

    public TelephonyAppFactory App { get; }

    public FakeTwilioState Twilio => App.Services.GetRequiredService<FakeTwilioState>();

    public static ProvisioningHarness Start(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        string? connectionString = null,
        IDictionary<string, string?>? settings = null,
        IAsyncDisposable? database = null)
    {
        var app = new TelephonyAppFactory(provider, connectionString, kestrel: true);
        app.Settings["Bootstrap:ApiKey"] = ApiKey;
        app.Settings["Provisioning:LeaseDuration"] = "00:00:03";
        app.Settings["Provisioning:RecoveryInterval"] = "00:00:00.200";
        app.Settings["Provisioning:TwilioAttemptTimeout"] = "00:00:01";
        app.Settings["Provisioning:TwilioMaxRetries"] = "2";
        app.Settings["Provisioning:TwilioRetryBaseDelay"] = "00:00:00.010";
        app.Settings["Provisioning:IdempotencyWait"] = "00:00:10";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        _ = app.ServerAddress; // start now, so settings are fixed and the fake Twilio is mapped
        return new ProvisioningHarness(app, database);
    }

    /// <summary>Moves <c>Twilio:PublicBaseUrl</c> as an operator would: the setting changes and configuration reloads.</summary>
    public void ChangePublicBaseUrl(string value)
    {
        var configuration = (IConfigurationRoot)App.Services.GetRequiredService<IConfiguration>();
        configuration["Twilio:PublicBaseUrl"] = value;
        configuration.Reload();
    }

    /// <summary>A client authenticated with the bootstrap API key.</summary>
    public HttpClient AdminClient()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = App.ServerAddress };

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Onboards a tenant and returns the transaction id from the 202's Location.</summary>
    public static async Task<Guid> OnboardAsync(HttpClient client, string name = "Acme Dental", string areaCode = "604")
    {
        using var response = await PostJsonAsync(client, "/api/tenants", new { name, areaCode });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return IdFromLocation(response);
    }

    public static Guid IdFromLocation(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/api/transactions/", location, StringComparison.Ordinal);
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Polls the transaction until it reaches an end state (completed, compensated or failed).</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}", TestContext.Current.CancellationToken);
            if (last.GetProperty("status").GetString() is "completed" or "compensated" or "failed")
            {
                return last;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Transaction {id} did not finish in {Patience}: {last}");
        return last;
    }

    /// <summary>The app's warnings and errors so far, for assertion messages.</summary>
    public string Errors() => string.Join('\n', App.Logs.Entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal) || e.StartsWith("Warning", StringComparison.Ordinal)));

    public IReadOnlyList<FakeAccount> ActiveSubaccounts() => [.. Twilio.Accounts.Where(a => a.Status == "active")];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
