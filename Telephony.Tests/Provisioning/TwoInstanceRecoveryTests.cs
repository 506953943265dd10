using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Provisioning;
using Telephony.Data;
using Telephony.Data.Provisioning;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Provisioning;

/// <summary>Two app instances on one PostgreSQL database race to recover a transaction a third, crashed, instance left behind.</summary>
public sealed class TwoInstanceRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_instances_exactly_one_takes_over_an_abandoned_transaction_and_finishes_it()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        await using var first = ProvisioningHarness.Start(DatabaseProvider.Postgres, database.ConnectionString);
        await using var second = ProvisioningHarness.Start(DatabaseProvider.Postgres, database.ConnectionString);
        second.Twilio.NextLine = 5000; // two fakes, one numbering plan: keep their numbers apart
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await SeedAbandonedAsync(first, ids);

        using var client = first.AdminClient();
        foreach (var id in ids)
        {
            var transaction = await ProvisioningHarness.WaitForEndAsync(client, id);
            Assert.True(transaction.GetProperty("status").GetString() == "completed", transaction.ToString());
        }

        // Each instance talks to its own fake Twilio: together they hold exactly one subaccount and number per transaction.
        Assert.Equal(ids.Count, first.ActiveSubaccounts().Count + second.ActiveSubaccounts().Count);
        Assert.Equal(ids.Count, first.Twilio.Numbers.Count + second.Twilio.Numbers.Count);
    }

    private static async Task SeedAbandonedAsync(ProvisioningHarness harness, IEnumerable<Guid> ids)
    {
        var factory = harness.App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var id in ids)
        {
            var tenantId = Guid.NewGuid();
            db.Tenants.Add(new Tenant { Id = tenantId, Name = "Crashed Co", AreaCode = "604", CreatedAt = now });
            db.ProvisioningTransactions.Add(new ProvisioningTransaction
            {
                Id = id,
                Kind = ProvisioningSagas.OnboardTenant,
                Status = TransactionStatus.Running,
                PayloadJson = JsonSerializer.Serialize(new ProvisioningPayload(TenantId: tenantId, Name: "Crashed Co", AreaCode: "604"), JsonSerializerOptions.Web),
                LeaseOwner = "crashed-instance",
                LeaseExpiresAt = now.AddSeconds(-1),
                CreatedAt = now,
                UpdatedAt = now,
                Steps = [.. ProvisioningSagas.Onboard.Steps.Select((name, index) => new TransactionStep { Index = index, Name = name })],
            });
        }

        await db.SaveChangesAsync(Ct);
    }
}
