using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telephony.Web.Simulator;
using static Telephony.Web.Simulator.FakeTwilioOperations;

namespace Telephony.Tests.Provisioning;

public sealed class OnboardingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Onboarding_a_tenant_leaves_one_subaccount_and_one_number_configured_to_the_hotline_routes()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();

        var id = await ProvisioningHarness.OnboardAsync(client, "Acme Dental", "604");
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("completed", transaction.GetProperty("status").GetString());
        Assert.All(transaction.GetProperty("steps").EnumerateArray(), s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        var subaccount = Assert.Single(harness.ActiveSubaccounts());
        var number = Assert.Single(harness.Twilio.Numbers);
        Assert.Equal(subaccount.Sid, number.AccountSid);
        Assert.StartsWith("+1604", number.PhoneNumber, StringComparison.Ordinal);
        Assert.Equal("https://hotline.example.com/twilio/voice/frontdoor", number.VoiceUrl);
        Assert.Equal("https://hotline.example.com/twilio/voice/fallback", number.VoiceFallbackUrl);
        Assert.Equal("https://hotline.example.com/twilio/voice/status", number.StatusCallback);
        Assert.Equal("https://hotline.example.com/twilio/sms/reply", number.SmsUrl);

        var tenant = Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/tenants", Ct) ?? []);
        Assert.Equal("active", tenant.GetProperty("status").GetString());
        Assert.Equal(subaccount.Sid, tenant.GetProperty("subaccountSid").GetString());
        var recorded = Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/numbers", Ct) ?? []);
        Assert.Equal(number.Sid, recorded.GetProperty("sid").GetString());
        Assert.Equal("configured", recorded.GetProperty("configurationStatus").GetString());
    }

    public static TheoryData<string, FakeTwilioFaultKind> StepFailures => new()
    {
        { CreateAccount, FakeTwilioFaultKind.ServerError },
        { CreateAccount, FakeTwilioFaultKind.Timeout },
        { ListAvailable, FakeTwilioFaultKind.ServerError },
        { BuyNumber, FakeTwilioFaultKind.ServerError },
        { BuyNumber, FakeTwilioFaultKind.Timeout },
        { BuyNumber, FakeTwilioFaultKind.TooManyRequests },
        { UpdateNumber, FakeTwilioFaultKind.ServerError },
        { UpdateNumber, FakeTwilioFaultKind.Timeout },
    };

    [Theory]
    [MemberData(nameof(StepFailures))]
    public async Task A_step_that_keeps_failing_is_compensated_and_leaves_nothing_at_Twilio(string operation, FakeTwilioFaultKind kind)
    {
        await using var harness = ProvisioningHarness.Start();
        harness.Twilio.TimeoutDelay = TimeSpan.FromSeconds(3);
        harness.Twilio.Inject(new FakeTwilioFault(operation, kind, RetryAfterSeconds: 0));
        using var client = harness.AdminClient();

        var id = await ProvisioningHarness.OnboardAsync(client);
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("compensated", transaction.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(transaction.GetProperty("error").GetString()));
        // The failing step keeps its error; every step that ran is compensated.
        Assert.Contains(transaction.GetProperty("steps").EnumerateArray(), s => s.GetProperty("error").GetString() is { Length: > 0 });
        Assert.All(transaction.GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("status").GetString() is "pending" or "compensated", s.ToString()));
        Assert.Empty(harness.ActiveSubaccounts());
        Assert.Empty(harness.Twilio.Numbers);
        Assert.True(harness.Twilio.CallCount(operation) >= 3, "the failing call was retried");
        var tenant = Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/tenants", Ct) ?? []);
        Assert.Equal("closed", tenant.GetProperty("status").GetString());
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/numbers", Ct) ?? []);
    }

    [Theory]
    [InlineData(CreateAccount, FakeTwilioFaultKind.ServerError)]
    [InlineData(BuyNumber, FakeTwilioFaultKind.TooManyRequests)]
    [InlineData(BuyNumber, FakeTwilioFaultKind.Timeout)]
    [InlineData(UpdateNumber, FakeTwilioFaultKind.ServerError)]
    public async Task A_transient_failure_is_retried_and_onboarding_completes_without_duplicates(string operation, FakeTwilioFaultKind kind)
    {
        await using var harness = ProvisioningHarness.Start();
        harness.Twilio.TimeoutDelay = TimeSpan.FromSeconds(3);
        harness.Twilio.Inject(new FakeTwilioFault(operation, kind, Times: 1, RetryAfterSeconds: 1));
        using var client = harness.AdminClient();

        var id = await ProvisioningHarness.OnboardAsync(client);
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("completed", transaction.GetProperty("status").GetString());
        Assert.Single(harness.ActiveSubaccounts());
        Assert.Single(harness.Twilio.Numbers);
    }

    [Fact]
    public async Task A_failed_compensation_ends_failed_and_the_compensate_action_finishes_the_undo()
    {
        await using var harness = ProvisioningHarness.Start();
        harness.Twilio.Inject(new FakeTwilioFault(UpdateNumber, FakeTwilioFaultKind.ServerError));
        harness.Twilio.Inject(new FakeTwilioFault(DeleteNumber, FakeTwilioFaultKind.ServerError));
        using var client = harness.AdminClient();

        var id = await ProvisioningHarness.OnboardAsync(client);
        var failed = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("buy-number", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(failed.GetProperty("steps").EnumerateArray(), s => s.GetProperty("status").GetString() == "compensation-failed");
        var listed = await client.GetFromJsonAsync<JsonElement[]>("/api/transactions?status=failed", Ct) ?? [];
        Assert.Contains(listed, t => t.GetProperty("id").GetGuid() == id);
        Assert.Single(harness.Twilio.Numbers); // the number it could not release

        harness.Twilio.ClearFaults();
        using var compensate = await ProvisioningHarness.PostJsonAsync(client, $"/api/transactions/{id}/compensate", new { });
        Assert.Equal(HttpStatusCode.Accepted, compensate.StatusCode);
        var compensated = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("compensated", compensated.GetProperty("status").GetString());
        Assert.Empty(harness.Twilio.Numbers);
        Assert.Empty(harness.ActiveSubaccounts());
    }

    [Fact]
    public async Task A_failed_transaction_retried_after_the_fault_clears_completes_with_the_number_it_already_bought()
    {
        await using var harness = ProvisioningHarness.Start();
        harness.Twilio.Inject(new FakeTwilioFault(UpdateNumber, FakeTwilioFaultKind.ServerError));
        harness.Twilio.Inject(new FakeTwilioFault(DeleteNumber, FakeTwilioFaultKind.ServerError));
        using var client = harness.AdminClient();
        var id = await ProvisioningHarness.OnboardAsync(client);
        Assert.Equal("failed", (await ProvisioningHarness.WaitForEndAsync(client, id)).GetProperty("status").GetString());
        var boughtBefore = Assert.Single(harness.Twilio.Numbers);

        harness.Twilio.ClearFaults();
        using var retry = await ProvisioningHarness.PostJsonAsync(client, $"/api/transactions/{id}/retry", new { });
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("completed", retried.GetProperty("status").GetString());
        Assert.Single(harness.ActiveSubaccounts());
        var number = Assert.Single(harness.Twilio.Numbers);
        Assert.Equal(boughtBefore.Sid, number.Sid);
        Assert.NotNull(number.VoiceUrl);
    }

    [Fact]
    public async Task Retry_and_compensate_refuse_a_transaction_that_has_not_failed()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();
        var id = await ProvisioningHarness.OnboardAsync(client);
        await ProvisioningHarness.WaitForEndAsync(client, id);

        using var retry = await ProvisioningHarness.PostJsonAsync(client, $"/api/transactions/{id}/retry", new { });
        using var missing = await ProvisioningHarness.PostJsonAsync(client, $"/api/transactions/{Guid.NewGuid()}/compensate", new { });

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_number_is_provisioned_for_an_onboarded_tenant_and_released_again()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();
        await ProvisioningHarness.WaitForEndAsync(client, await ProvisioningHarness.OnboardAsync(client));
        var tenantId = (await client.GetFromJsonAsync<JsonElement[]>("/api/tenants", Ct))![0].GetProperty("id").GetGuid();

        using var provision = await ProvisioningHarness.PostJsonAsync(client, "/api/numbers", new { tenantId, areaCode = "778" });
        Assert.Equal(HttpStatusCode.Accepted, provision.StatusCode);
        var provisioned = await ProvisioningHarness.WaitForEndAsync(client, ProvisioningHarness.IdFromLocation(provision));
        Assert.Equal("completed", provisioned.GetProperty("status").GetString());
        var added = Assert.Single(harness.Twilio.Numbers, n => n.PhoneNumber.StartsWith("+1778", StringComparison.Ordinal));

        using var release = await client.DeleteAsync($"/api/numbers/{added.Sid}", Ct);
        Assert.Equal(HttpStatusCode.Accepted, release.StatusCode);
        var released = await ProvisioningHarness.WaitForEndAsync(client, ProvisioningHarness.IdFromLocation(release));

        Assert.Equal("completed", released.GetProperty("status").GetString());
        Assert.DoesNotContain(harness.Twilio.Numbers, n => n.Sid == added.Sid);
        var numbers = await client.GetFromJsonAsync<JsonElement[]>("/api/numbers", Ct) ?? [];
        Assert.Equal("released", numbers.Single(n => n.GetProperty("sid").GetString() == added.Sid).GetProperty("status").GetString());
    }
}
