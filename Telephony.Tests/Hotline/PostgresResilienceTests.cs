using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Telephony.Data;
using Telephony.Data.Errors;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;

namespace Telephony.Tests.Hotline;

/// <summary>Several instances on one PostgreSQL, and PostgreSQL going away mid-call.</summary>
public sealed class PostgresResilienceTests : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Fifty_parallel_calls_from_one_number_across_two_instances_admit_exactly_ten()
    {
        await using var a = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        HotlineHarness.Configure(a);
        HotlineHarness.Configure(b);
        a.Settings["Telephony:DatabaseBudgetMilliseconds"] = b.Settings["Telephony:DatabaseBudgetMilliseconds"] = "10000";
        var hosts = new[] { new HotlineHarness(a), new HotlineHarness(b) };
        var caller = HotlineHarness.NextCaller();
        foreach (var host in hosts)
        {
            // Start both instances first: a cold start under the burst would blow the webhook time budget, and the
            // limiter deliberately fails open (the caller is answered) when the database cannot answer in time.
            (await host.PostAsync("/twilio/voice/status", ("CallSid", "CA" + new string('0', 32)), ("CallStatus", "ringing"))).Dispose();
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var r = await hosts[i % 2].PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return XDocument.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }));

        Assert.Equal(10, responses.Count(d => d.Root!.Element("Gather") is not null));
        Assert.Equal(40, responses.Count(d => d.Root!.Element("Reject") is not null));
        await using var db = database.CreateDbContext();
        Assert.Equal(40, await db.RateLimitViolations.CountAsync(v => v.CallerNumber == caller, TestContext.Current.CancellationToken));
        Assert.Equal(10, await db.Calls.CountAsync(c => c.From == caller && !c.RateLimited, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task With_the_database_down_the_caller_still_gets_menu_transfer_and_voicemail_without_recording()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var app = new TelephonyAppFactory(DatabaseProvider.Postgres, viaProxy);
        HotlineHarness.Configure(app);
        app.Settings["Telephony:DatabaseBudgetMilliseconds"] = "1500";
        var hotline = new HotlineHarness(app);
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var from = HotlineHarness.NextCaller();
        (await hotline.PostAsync("/twilio/voice/status", ("CallSid", "CA" + new string('0', 32)), ("CallStatus", "ringing"))).Dispose(); // start the app while the database is up

        proxy.Stop();
        var frontDoor = await TwiMLAsync(hotline, "/twilio/voice/frontdoor", ("CallSid", sid), ("From", from));
        var menu = await TwiMLAsync(hotline, "/twilio/voice/menu?lang=en&attempt=1&consent=1", ("CallSid", sid), ("From", from), ("Digits", "1"));
        var dialComplete = await TwiMLAsync(hotline, "/twilio/voice/dial-complete?lang=en&consent=1&route=sales", ("CallSid", sid), ("From", from), ("DialCallStatus", "no-answer"));

        Assert.NotNull(frontDoor.Root!.Element("Gather"));
        var dial = menu.Root!.Element("Dial");
        Assert.NotNull(dial);
        Assert.Null(dial.Attribute("record"));
        Assert.Equal(HotlineHarness.SalesNumber, dial.Value.Trim());
        Assert.NotNull(dialComplete.Root!.Element("Record"));

        proxy.Start();
        await using var db = database.CreateDbContext();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var failures = 0;
        while (DateTime.UtcNow < deadline && (failures = await db.WebhookErrors.CountAsync(e => e.Kind == WebhookErrorKind.DatabaseFailure && e.CallSid == sid, TestContext.Current.CancellationToken)) < 3)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.True(failures >= 3, $"expected the outage to be logged once the database was back, saw {failures}");
    }

    private static async Task<XDocument> TwiMLAsync(HotlineHarness hotline, string route, params (string, string)[] form)
    {
        using var response = await hotline.PostAsync(route, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
