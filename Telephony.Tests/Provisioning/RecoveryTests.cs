using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Provisioning;
using Telephony.Data;
using Telephony.Data.Provisioning;
using Telephony.Web.Provisioning;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Provisioning;

/// <summary>An instance crashed mid-transaction: its lease expires and the recovery worker of this one takes over.</summary>
public sealed class RecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_transaction_abandoned_after_its_external_call_completes_without_creating_twice()
    {
        await using var harness = ProvisioningHarness.Start();
        var id = Guid.NewGuid();
        // The crashed instance created the subaccount at Twilio but died before persisting the step's result.
        var credentials = harness.App.Services.GetRequiredService<TwilioCredentials>();
        harness.Twilio.CreateAccount(ProvisioningSagas.FriendlyName(id, ProvisioningSagas.CreateSubaccount), credentials.AccountSid, DateTimeOffset.UtcNow);
        await SeedAbandonedAsync(harness, id, TransactionStatus.Running, StepStatus.Running);

        using var client = harness.AdminClient();
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("completed", transaction.GetProperty("status").GetString());
        Assert.Single(harness.ActiveSubaccounts());
        Assert.Single(harness.Twilio.Numbers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_crash_between_any_onboarding_step_and_its_persistence_is_finished_by_recovery_without_duplicates(int crashedStep)
    {
        await using var harness = ProvisioningHarness.Start();
        var id = Guid.NewGuid();
        var credentials = harness.App.Services.GetRequiredService<TwilioCredentials>();
        var now = DateTimeOffset.UtcNow;
        // What the crashed instance did at Twilio: every step up to and including the one it crashed in.
        var account = harness.Twilio.CreateAccount(ProvisioningSagas.FriendlyName(id, ProvisioningSagas.CreateSubaccount), credentials.AccountSid, now);
        FakeNumber? number = null;
        if (crashedStep >= 1)
        {
            var phone = harness.Twilio.Available("604", 1)[0];
            var urls = crashedStep >= 2 ? WebhookUrls.For("https://hotline.example.com") : null;
            number = harness.Twilio.Buy(new FakeNumber(
                "", account.Sid, phone, ProvisioningSagas.FriendlyName(id, ProvisioningSagas.BuyNumber), urls?.Voice.ToString(),
                urls?.VoiceFallback.ToString(), urls?.StatusCallback.ToString(), urls?.Sms.ToString(), now))!;
        }

        string?[] results =
        [
            JsonSerializer.Serialize(new SubaccountResult(account.Sid), JsonSerializerOptions.Web),
            number is null ? null : JsonSerializer.Serialize(new NumberResult(number.Sid, number.PhoneNumber, account.Sid), JsonSerializerOptions.Web),
            null,
            null,
        ];
        await SeedAsync(harness, id, TransactionStatus.Running, index => index < crashedStep ? StepStatus.Completed : index == crashedStep ? StepStatus.Running : StepStatus.Pending,
            index => index < crashedStep ? results[index] : null);

        using var client = harness.AdminClient();
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.True(transaction.GetProperty("status").GetString() == "completed", transaction.ToString());
        Assert.Equal(account.Sid, Assert.Single(harness.ActiveSubaccounts()).Sid);
        var onlyNumber = Assert.Single(harness.Twilio.Numbers);
        Assert.Equal("https://hotline.example.com/twilio/voice/frontdoor", onlyNumber.VoiceUrl);
        Assert.Equal("https://hotline.example.com/twilio/sms/reply", onlyNumber.SmsUrl);
    }

    [Fact]
    public async Task A_failing_last_step_compensates_everything_the_earlier_steps_made_at_Twilio()
    {
        await using var harness = ProvisioningHarness.Start();
        var id = Guid.NewGuid();
        // record-tenant fails: the tenant it should activate does not exist.
        await SeedAsync(harness, id, TransactionStatus.Pending, _ => StepStatus.Pending, _ => null, leaseExpiresAt: null, withTenant: false);

        using var client = harness.AdminClient();
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("compensated", transaction.GetProperty("status").GetString());
        Assert.StartsWith("record-tenant", transaction.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(harness.Twilio.Accounts); // created, then closed
        Assert.Empty(harness.ActiveSubaccounts());
        Assert.Empty(harness.Twilio.Numbers);
    }

    [Fact]
    public async Task A_compensating_transaction_abandoned_midway_is_compensated_to_the_end()
    {
        await using var harness = ProvisioningHarness.Start();
        var id = Guid.NewGuid();
        var credentials = harness.App.Services.GetRequiredService<TwilioCredentials>();
        var account = harness.Twilio.CreateAccount(ProvisioningSagas.FriendlyName(id, ProvisioningSagas.CreateSubaccount), credentials.AccountSid, DateTimeOffset.UtcNow);
        await SeedAbandonedAsync(harness, id, TransactionStatus.Compensating, StepStatus.Completed, JsonSerializer.Serialize(new SubaccountResult(account.Sid), JsonSerializerOptions.Web));

        using var client = harness.AdminClient();
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);

        Assert.Equal("compensated", transaction.GetProperty("status").GetString());
        Assert.Empty(harness.ActiveSubaccounts());
        Assert.Empty(harness.Twilio.Numbers);
    }

    [Fact]
    public async Task A_transaction_under_a_live_lease_of_another_instance_is_left_alone()
    {
        await using var harness = ProvisioningHarness.Start();
        var id = Guid.NewGuid();
        await SeedAbandonedAsync(harness, id, TransactionStatus.Running, StepStatus.Pending, leaseExpiresAt: DateTimeOffset.UtcNow.AddMinutes(5));

        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        using var client = harness.AdminClient();
        var transaction = await client.GetStringAsync($"/api/transactions/{id}", Ct);
        Assert.Contains("\"status\":\"running\"", transaction, StringComparison.Ordinal);
        Assert.Empty(harness.Twilio.Accounts);
    }

    private static Task SeedAbandonedAsync(
        ProvisioningHarness harness, Guid id, TransactionStatus status, StepStatus firstStep, string? firstResult = null, DateTimeOffset? leaseExpiresAt = null) =>
        SeedAsync(harness, id, status, index => index == 0 ? firstStep : StepStatus.Pending, index => index == 0 ? firstResult : null,
            leaseExpiresAt ?? DateTimeOffset.UtcNow.AddSeconds(-1));

    private static async Task SeedAsync(
        ProvisioningHarness harness,
        Guid id,
        TransactionStatus status,
        Func<int, StepStatus> stepStatus,
        Func<int, string?> stepResult,
        DateTimeOffset? leaseExpiresAt = default,
        bool withTenant = true)
    {
        leaseExpiresAt = status == TransactionStatus.Pending ? null : leaseExpiresAt ?? DateTimeOffset.UtcNow.AddSeconds(-1);
        var factory = harness.App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var tenantId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        if (withTenant)
        {
            db.Tenants.Add(new Tenant { Id = tenantId, Name = "Crashed Co", AreaCode = "604", CreatedAt = now });
        }

        db.ProvisioningTransactions.Add(new ProvisioningTransaction
        {
            Id = id,
            Kind = ProvisioningSagas.OnboardTenant,
            Status = status,
            PayloadJson = JsonSerializer.Serialize(new ProvisioningPayload(TenantId: tenantId, Name: "Crashed Co", AreaCode: "604"), JsonSerializerOptions.Web),
            LeaseOwner = leaseExpiresAt is null ? null : "crashed-instance",
            LeaseExpiresAt = leaseExpiresAt,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [.. ProvisioningSagas.Onboard.Steps.Select((name, index) => new TransactionStep
            {
                Index = index,
                Name = name,
                Status = stepStatus(index),
                ResultJson = stepResult(index),
            })],
        });
        await db.SaveChangesAsync(Ct);
    }
}
