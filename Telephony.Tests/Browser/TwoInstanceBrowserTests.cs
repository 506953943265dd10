using Microsoft.Playwright;
using Telephony.Data;
using Telephony.Tests.Hotline;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;

namespace Telephony.Tests.Browser;

/// <summary>Two instances on one PostgreSQL: a webhook served by A redraws a dashboard held on B.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TwoInstanceBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();
    private TelephonyAppFactory a = null!;
    private TelephonyAppFactory b = null!;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        a = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString, kestrel: true);
        b = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString, kestrel: true);
        HotlineHarness.Configure(a);
        HotlineHarness.Configure(b);
    }

    public async ValueTask DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_call_posted_to_instance_a_appears_on_the_live_calls_page_of_instance_b()
    {
        var baseB = b.ServerAddress.ToString().TrimEnd('/');
        _ = a.ServerAddress; // start A too
        var page = await browser.SignInAsync(baseB, "/calls");
        await Assertions.Expect(page.GetByTestId("no-live-calls")).ToBeVisibleAsync();

        var caller = HotlineHarness.NextCaller();
        using var response = await new HotlineHarness(a).PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await Assertions.Expect(page.GetByTestId("live-caller")).ToHaveTextAsync(caller, new() { Timeout = 3000 });
    }
}
