using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Tests.Web;
using Telephony.Web.Api;
using Telephony.Web.Auth;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Provisioning;

public sealed class AdminApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_without_credentials_or_with_a_wrong_key_answers_401_problem_details()
    {
        await using var harness = ProvisioningHarness.Start();
        using var anonymous = harness.Anonymous();
        using var wrongKey = harness.Anonymous();
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");

        using var none = await anonymous.GetAsync("/api/transactions", Ct);
        using var wrong = await ProvisioningHarness.PostJsonAsync(wrongKey, "/api/tenants", new { name = "Acme", areaCode = "604" });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(harness.Twilio.Accounts);
    }

    [Fact]
    public async Task A_signed_in_admin_uses_the_api_with_the_cookie_and_a_support_user_gets_403()
    {
        await using var harness = ProvisioningHarness.Start();
        await harness.App.CreateUserAsync("support@test.local", "Support-Password-42", Roles.Support);
        using var admin = CookieClient(harness);
        using var support = CookieClient(harness);
        await FormSignIn.SignInAsync(admin, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        await FormSignIn.SignInAsync(support, "support@test.local", "Support-Password-42");

        using var allowed = await admin.GetAsync("/api/tenants", Ct);
        using var denied = await support.GetAsync("/api/tenants", Ct);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("", "604", "name")]
    [InlineData("Acme", "60", "areaCode")]
    [InlineData("Acme", "abc", "areaCode")]
    [InlineData("Acme", "104", "areaCode")]
    public async Task Invalid_onboarding_input_gets_a_validation_problem(string name, string areaCode, string field)
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();

        using var response = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name, areaCode });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_name_longer_than_100_characters_and_an_unknown_status_filter_are_refused()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();

        using var longName = await ProvisioningHarness.PostJsonAsync(client, "/api/tenants", new { name = new string('a', 101), areaCode = "604" });
        using var badStatus = await client.GetAsync("/api/transactions?status=bogus", Ct);
        using var unknownTenant = await ProvisioningHarness.PostJsonAsync(client, "/api/numbers", new { tenantId = Guid.NewGuid(), areaCode = "604" });

        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownTenant.StatusCode);
        Assert.Equal("application/problem+json", unknownTenant.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api_for_admins_only()
    {
        await using var harness = ProvisioningHarness.Start();
        using var admin = harness.AdminClient();
        using var anonymous = harness.Anonymous();

        using var document = await admin.GetAsync("/openapi/v1.json", Ct);
        using var refused = await anonymous.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var json = await document.Content.ReadAsStringAsync(Ct);
        Assert.Contains("/api/tenants", json, StringComparison.Ordinal);
        Assert.Contains("/api/transactions/{id}/retry", json, StringComparison.Ordinal);
        Assert.DoesNotContain("/simulator/twilio", json, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_key_created_in_the_console_is_accepted_as_admin_until_revoked_and_only_its_hash_is_stored()
    {
        await using var harness = ProvisioningHarness.Start();
        var keys = harness.App.Services.GetRequiredService<ApiKeyAdministration>();
        var (key, secret) = await keys.CreateAsync("ci pipeline", new AdminActor("user-1", "admin@test.local"), Ct);
        using var client = harness.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var accepted = await client.GetAsync("/api/numbers", Ct);
        Assert.True(await keys.RevokeAsync(key.Id, new AdminActor("user-1", "admin@test.local"), Ct));
        using var revoked = await client.GetAsync("/api/numbers", Ct);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        var stored = Assert.Single(await keys.ListAsync(Ct));
        Assert.Equal(ApiKeyAdministration.Hash(secret), stored.KeyHash);
        Assert.DoesNotContain(secret, stored.KeyHash + stored.Prefix + stored.Name, StringComparison.Ordinal);
    }

    private static HttpClient CookieClient(ProvisioningHarness harness) =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = harness.App.ServerAddress };
}
