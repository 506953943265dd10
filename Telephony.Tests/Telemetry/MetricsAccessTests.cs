using System.Net;
using Telephony.Web.Telemetry;

namespace Telephony.Tests.Telemetry;

/// <summary><c>/metrics</c> answers loopback and <c>Metrics:AllowedNetworks</c>; to anyone else it does not exist.</summary>
public sealed class MetricsAccessTests : IAsyncLifetime
{
    private readonly TelemetryAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Settings["Metrics:AllowedNetworks:0"] = "10.20.0.0/16";
        app.Settings["Metrics:AllowedNetworks:1"] = "fd00:1::/32";
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.21.0.1")]
    [InlineData("2001:db8::1")]
    public async Task An_address_outside_the_allowed_networks_gets_404(string peer)
    {
        using var response = await ScrapeFromAsync(peer);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("hotline_", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.20.3.4")]
    [InlineData("fd00:1:2::7")]
    [InlineData("::ffff:10.20.0.9")]
    [InlineData("127.0.0.1")]
    public async Task An_allowed_network_or_loopback_gets_the_metrics_without_signing_in(string peer)
    {
        using var response = await ScrapeFromAsync(peer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hotline_journal_pending", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_that_is_not_a_CIDR_range_stops_the_app_with_a_message_naming_it()
    {
        var options = new MetricsOptions();
        options.AllowedNetworks.Add("10.0.0.0/8");
        options.AllowedNetworks.Add("10.0.0.0/33");

        var result = new MetricsOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'10.0.0.0/33' is not a CIDR range", result.FailureMessage, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> ScrapeFromAsync(string peer)
    {
        using var client = app.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(TelemetryAppFactory.PeerHeader, peer);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
