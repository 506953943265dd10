using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Provisioning;
using Telephony.Data;
using Telephony.Data.Provisioning;
using Telephony.Web.Provisioning;
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

    private static async Task SeedAbandonedAsync(
        ProvisioningHarness harness, Guid id, TransactionStatus status, StepStatus firstStep, string? firstResult = null, DateTimeOffset? leaseExpiresAt = null)
    {
        var factory = harness.App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var tenantId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        db.Tenants.Add(new Tenant { Id = tenantId, Name = "Crashed Co", AreaCode = "604", CreatedAt = now });
        db.ProvisioningTransactions.Add(new ProvisioningTransaction
        {
            Id = id,
            Kind = ProvisioningSagas.OnboardTenant,
            Status = status,
            PayloadJson = JsonSerializer.Serialize(new ProvisioningPayload(TenantId: tenantId, Name: "Crashed Co", AreaCode: "604"), JsonSerializerOptions.Web),
            LeaseOwner = "crashed-instance",
            LeaseExpiresAt = leaseExpiresAt ?? now.AddSeconds(-1),
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [.. ProvisioningSagas.Onboard.Steps.Select((name, index) => new TransactionStep
            {
                Index = index,
                Name = name,
                Status = index == 0 ? firstStep : StepStatus.Pending,
                ResultJson = index == 0 ? firstResult : null,
            })],
        });
        await db.SaveChangesAsync(Ct);
    }
}
