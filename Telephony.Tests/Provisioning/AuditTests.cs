using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Audit;
using Telephony.Web.Api;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Provisioning;

public sealed class AuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Onboarding_through_the_api_writes_one_admin_audit_entry_naming_the_tenant_and_its_transaction()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();

        var id = await ProvisioningHarness.OnboardAsync(client, "Audit Dental", "604");
        await ProvisioningHarness.WaitForEndAsync(client, id);

        var entry = Assert.Single(await EntriesAsync(harness), e => e.Action.StartsWith("provisioning-", StringComparison.Ordinal));
        Assert.Equal("provisioning-onboard", entry.Action);
        Assert.Equal("Audit Dental", entry.Target);
        Assert.Contains(id.ToString(), entry.Detail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(entry.UserEmail), "the acting API key is named");
    }

    [Fact]
    public async Task Release_reconfigure_and_api_key_create_and_revoke_are_audited_and_a_replayed_request_is_not_audited_twice()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();
        await ProvisioningHarness.WaitForEndAsync(client, await ProvisioningHarness.OnboardAsync(client));
        var sid = Assert.Single(harness.Twilio.Numbers).Sid;

        using (var first = await ProvisioningHarness.PostJsonAsync(client, "/api/numbers/reconfigure", new { }, idempotencyKey: "reconfigure-1"))
        using (var replay = await ProvisioningHarness.PostJsonAsync(client, "/api/numbers/reconfigure", new { }, idempotencyKey: "reconfigure-1"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        using (var release = await client.DeleteAsync($"/api/numbers/{sid}", Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, release.StatusCode);
        }

        var keys = harness.App.Services.GetRequiredService<ApiKeyAdministration>();
        var actor = new AdminActor("user-42", "ops@test.local");
        var (key, _) = await keys.CreateAsync("ci pipeline", actor, Ct);
        Assert.True(await keys.RevokeAsync(key.Id, actor, Ct));

        var entries = await EntriesAsync(harness);
        Assert.Equal(
            ["provisioning-onboard", "provisioning-reconfigure", "provisioning-release", "api-key-create", "api-key-revoke"],
            entries.Select(e => e.Action));
        Assert.Equal(sid, entries[2].Target);
        Assert.All(entries[3..], e => Assert.Equal(("user-42", "ops@test.local"), (e.UserId, e.UserEmail)));
        Assert.Equal(key.Id.ToString(), entries[4].Target);
    }

    private static async Task<List<AdminAuditEntry>> EntriesAsync(ProvisioningHarness harness)
    {
        var factory = harness.App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        return await db.AdminAuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
    }
}
