using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telephony.Core.Provisioning;

namespace Telephony.Tests.Provisioning;

public sealed class PortingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(PortingState.Submitted, PortingState.InReview, true)]
    [InlineData(PortingState.InReview, PortingState.Approved, true)]
    [InlineData(PortingState.Approved, PortingState.Scheduled, true)]
    [InlineData(PortingState.Scheduled, PortingState.Completed, true)]
    [InlineData(PortingState.Submitted, PortingState.Completed, false)]
    [InlineData(PortingState.Approved, PortingState.InReview, false)]
    [InlineData(PortingState.Completed, PortingState.Cancelled, false)]
    [InlineData(PortingState.Rejected, PortingState.InReview, false)]
    public void Porting_requests_move_forward_or_out_and_never_leave_a_final_state(PortingState from, PortingState to, bool allowed) =>
        Assert.Equal(allowed, PortingStates.CanMove(from, to));

    [Fact]
    public async Task A_porting_request_is_tracked_through_its_states_and_an_illegal_move_is_409()
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();

        using var created = await ProvisioningHarness.PostJsonAsync(client, "/api/porting", new { e164 = "+16045550123", losingCarrier = "Old Telco" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("submitted", request.GetProperty("state").GetString());
        var id = request.GetProperty("id").GetGuid();

        foreach (var state in new[] { "in-review", "approved", "scheduled", "completed" })
        {
            using var moved = await ProvisioningHarness.PostJsonAsync(client, $"/api/porting/{id}/state", new { state, note = $"now {state}" });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(state, (await moved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        }

        using var illegal = await ProvisioningHarness.PostJsonAsync(client, $"/api/porting/{id}/state", new { state = "cancelled" });
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        Assert.Equal("application/problem+json", illegal.Content.Headers.ContentType?.MediaType);

        var listed = Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/porting", Ct) ?? []);
        Assert.Equal("completed", listed.GetProperty("state").GetString());
        Assert.Equal("now completed", listed.GetProperty("note").GetString());
        Assert.Empty(listed.GetProperty("nextStates").EnumerateArray());
    }

    [Fact]
    public async Task The_numbers_page_lists_porting_requests_with_their_state_and_next_moves()
    {
        await using var harness = ProvisioningHarness.Start();
        using var api = harness.AdminClient();
        using (var created = await ProvisioningHarness.PostJsonAsync(api, "/api/porting", new { e164 = "+16045550199", losingCarrier = "Legacy Phone Co" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = harness.App.ServerAddress,
        };
        await Web.FormSignIn.SignInAsync(browser, Web.TelephonyAppFactory.AdminEmail, Web.TelephonyAppFactory.AdminPassword);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/numbers", Ct));

        Assert.Contains("data-testid=\"porting-table\"", page, StringComparison.Ordinal);
        Assert.Contains("+16045550199", page, StringComparison.Ordinal);
        Assert.Contains("Legacy Phone Co", page, StringComparison.Ordinal);
        Assert.Contains("data-code=\"submitted\"", page, StringComparison.Ordinal); // the state's code, beside its name
        Assert.Contains("Advance to in review", page, StringComparison.Ordinal); // the next move, by name
    }

    [Theory]
    [InlineData("6045550123", "Old Telco")]
    [InlineData("+0604555", "Old Telco")]
    [InlineData("+16045550123", "")]
    public async Task An_invalid_porting_request_is_a_validation_problem(string e164, string carrier)
    {
        await using var harness = ProvisioningHarness.Start();
        using var client = harness.AdminClient();

        using var response = await ProvisioningHarness.PostJsonAsync(client, "/api/porting", new { e164, losingCarrier = carrier });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
