using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telephony.Tests.Web;

namespace Telephony.Tests.Provisioning;

public sealed class ReconfigureTests
{
    private const string NewBaseUrl = "https://new-hotline.example.org";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_public_base_url_changes_numbers_show_misconfigured_and_the_reconfigure_transaction_fixes_them_at_Twilio()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();
        await ProvisioningHarness.WaitForEndAsync(client, await ProvisioningHarness.OnboardAsync(client, "First Co", "604"));
        await ProvisioningHarness.WaitForEndAsync(client, await ProvisioningHarness.OnboardAsync(client, "Second Co", "778"));
        Assert.All(await NumbersAsync(client), n => Assert.Equal("configured", n.GetProperty("configurationStatus").GetString()));

        harness.ChangePublicBaseUrl(NewBaseUrl);

        var before = await NumbersAsync(client);
        Assert.Equal(2, before.Length);
        Assert.All(before, n => Assert.Equal("misconfigured", n.GetProperty("configurationStatus").GetString()));
        Assert.All(harness.Twilio.Numbers, n => Assert.StartsWith(TelephonyAppFactory.PublicBaseUrl, n.VoiceUrl, StringComparison.Ordinal));

        using var response = await ProvisioningHarness.PostJsonAsync(client, "/api/numbers/reconfigure", new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var transaction = await ProvisioningHarness.WaitForEndAsync(client, ProvisioningHarness.IdFromLocation(response));

        Assert.Equal("completed", transaction.GetProperty("status").GetString());
        Assert.Equal("reconfigure-webhooks", transaction.GetProperty("kind").GetString());
        Assert.Equal(2, harness.Twilio.Numbers.Count);
        Assert.All(harness.Twilio.Numbers, n =>
        {
            Assert.Equal(NewBaseUrl + "/twilio/voice/frontdoor", n.VoiceUrl);
            Assert.Equal(NewBaseUrl + "/twilio/voice/fallback", n.VoiceFallbackUrl);
            Assert.Equal(NewBaseUrl + "/twilio/voice/status", n.StatusCallback);
            Assert.Equal(NewBaseUrl + "/twilio/sms/reply", n.SmsUrl);
        });
        Assert.All(await NumbersAsync(client), n =>
        {
            Assert.Equal("configured", n.GetProperty("configurationStatus").GetString());
            Assert.Equal(NewBaseUrl + "/twilio/voice/frontdoor", n.GetProperty("voiceUrl").GetString());
            Assert.Equal(NewBaseUrl + "/twilio/sms/reply", n.GetProperty("smsUrl").GetString());
        });
    }

    [Fact]
    public async Task Reconfiguring_one_number_leaves_the_others_alone_and_an_unknown_number_is_404()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();
        await ProvisioningHarness.WaitForEndAsync(client, await ProvisioningHarness.OnboardAsync(client, "First Co", "604"));
        await ProvisioningHarness.WaitForEndAsync(client, await ProvisioningHarness.OnboardAsync(client, "Second Co", "778"));
        harness.ChangePublicBaseUrl(NewBaseUrl);
        var target = harness.Twilio.Numbers[0];

        using var response = await ProvisioningHarness.PostJsonAsync(client, $"/api/numbers/{target.Sid}/reconfigure", new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("completed", (await ProvisioningHarness.WaitForEndAsync(client, ProvisioningHarness.IdFromLocation(response))).GetProperty("status").GetString());

        var statuses = (await NumbersAsync(client)).ToDictionary(n => n.GetProperty("sid").GetString()!, n => n.GetProperty("configurationStatus").GetString());
        Assert.Equal("configured", statuses[target.Sid]);
        Assert.Equal("misconfigured", Assert.Single(statuses, s => s.Key != target.Sid).Value);
        Assert.Equal(NewBaseUrl + "/twilio/voice/frontdoor", harness.Twilio.Numbers.Single(n => n.Sid == target.Sid).VoiceUrl);
        Assert.StartsWith(TelephonyAppFactory.PublicBaseUrl, harness.Twilio.Numbers.Single(n => n.Sid != target.Sid).VoiceUrl, StringComparison.Ordinal);

        using var unknown = await ProvisioningHarness.PostJsonAsync(client, "/api/numbers/PN00000000000000000000000000000000/reconfigure", new { });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_numbers_page_shows_a_number_under_the_old_base_url_as_misconfigured_with_a_fix_configuration_action()
    {
        await using var harness = ProvisioningHarness.Start();
        using var api = harness.AdminClient();
        await ProvisioningHarness.WaitForEndAsync(api, await ProvisioningHarness.OnboardAsync(api, "Page Co", "604"));
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = harness.App.ServerAddress,
        };
        await FormSignIn.SignInAsync(browser, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        var before = WebUtility.HtmlDecode(await browser.GetStringAsync("/numbers", Ct));

        harness.ChangePublicBaseUrl(NewBaseUrl);
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync("/numbers", Ct));

        Assert.DoesNotContain("misconfigured", before, StringComparison.Ordinal);
        Assert.DoesNotContain("fix-configuration", before, StringComparison.Ordinal);
        Assert.Contains("misconfigured", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fix-configuration\"", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fix-all-configuration\"", after, StringComparison.Ordinal);
    }

    private static async Task<JsonElement[]> NumbersAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement[]>("/api/numbers", Ct) ?? [];
}
