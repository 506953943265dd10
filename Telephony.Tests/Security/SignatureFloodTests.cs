using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Twilio;
using Telephony.Data.Errors;
using Telephony.Tests.Hotline;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Security;

/// <summary>
/// Unsigned and forged requests cost nothing: a bare 403 counted in memory, one summary entry per source and minute
/// written off the request path, and 429 unchecked past <c>Security:RateLimits:BadSignaturesPerMinute</c> (30).
/// </summary>
public abstract class SignatureFloodTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const string Attacker = "198.51.100.7";
    private const string TwilioAddress = "203.0.113.20";

    [Fact]
    public async Task Five_thousand_unsigned_requests_from_one_address_leave_a_few_rows_and_end_in_429_while_twilio_is_answered()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new AddressedApp(database);
        HotlineHarness.Configure(app);
        var hotline = new HotlineHarness(app);
        using var client = app.CreateBrowserlessClient();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var sent = 0;

        async Task FloodAsync()
        {
            while (Interlocked.Increment(ref sent) <= 5000)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/voice/frontdoor")
                {
                    Content = new FormUrlEncodedContent([new("CallSid", "CA" + new string('f', 32)), new("From", "+15145550199")]),
                };
                request.Headers.Add(AddressedApp.ClientHeader, Attacker);
                using var response = await client.SendAsync(request, ct);
                statuses.Add(response.StatusCode);
            }
        }

        var flood = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(FloodAsync, ct)));

        // Twilio, from its own address, is answered during the flood.
        while (Volatile.Read(ref sent) < 500)
        {
            await Task.Delay(10, ct);
        }

        var form = new List<KeyValuePair<string, string>> { new("CallSid", "CA" + Guid.NewGuid().ToString("N")), new("From", HotlineHarness.NextCaller()), new("To", HotlineHarness.HotlineNumber) };
        using (var signed = new HttpRequestMessage(HttpMethod.Post, "/twilio/voice/frontdoor") { Content = new FormUrlEncodedContent(form) })
        {
            signed.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(hotline.Credentials.AuthToken).ComputeSignature(HotlineHarness.Url("/twilio/voice/frontdoor"), form));
            signed.Headers.Add(AddressedApp.ClientHeader, TwilioAddress);
            using var answer = await client.SendAsync(signed, ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("<Gather", await answer.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        await flood;

        var forbidden = statuses.Count(s => s == HttpStatusCode.Forbidden);
        var throttled = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.Equal(5000, forbidden + throttled);
        Assert.InRange(forbidden, 30, 60); // 30 a minute are checked (60 if the flood straddled a minute)
        Assert.True(throttled >= 4940, $"{throttled} answered 429");

        // Off the request path, the flusher writes one summary per source and minute, counting every refused request.
        var rows = await EventuallyAsync(app, db => db.WebhookErrors.AsNoTracking().Where(e => e.Kind == WebhookErrorKind.SignatureFailure && e.Source == Attacker).ToListAsync(ct), r => r.Sum(e => e.Count) >= 5000);
        Assert.Equal(5000, rows.Sum(e => e.Count));
        Assert.InRange(rows.Count, 1, 3);
        Assert.All(rows, row => Assert.Equal(Attacker, row.Source));
        Assert.Contains("429", rows[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_source_is_the_client_address_and_an_ipv6_client_is_counted_by_its_64()
    {
        await using var app = new AddressedApp(database);
        HotlineHarness.Configure(app);
        using var client = app.CreateBrowserlessClient();

        async Task<HttpStatusCode> ForgedFrom(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/sms/reply") { Content = new FormUrlEncodedContent([new("Body", "hi")]) };
            request.Headers.Add("X-Twilio-Signature", "bm90LXRoZS1zaWduYXR1cmU=");
            request.Headers.Add(AddressedApp.ClientHeader, address);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        // One host rotating through its /64 is one source: 30 forged requests, then 429.
        var rotating = new List<HttpStatusCode>();
        for (var i = 1; i <= 31; i++)
        {
            rotating.Add(await ForgedFrom($"2001:db8:1:2::{i:x}"));
        }

        Assert.All(rotating.Take(30), s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, rotating[30]);
        Assert.Equal(HttpStatusCode.Forbidden, await ForgedFrom("2001:db8:1:3::1")); // the next /64 is another source
        Assert.Equal(HttpStatusCode.Forbidden, await ForgedFrom("::ffff:192.0.2.1")); // IPv4 behind a dual-stack socket

        var sources = await EventuallyAsync(
            app,
            db => db.WebhookErrors.AsNoTracking().Where(e => e.Kind == WebhookErrorKind.SignatureFailure).Select(e => new { e.Source, e.Count }).ToListAsync(TestContext.Current.CancellationToken),
            r => r.Where(e => e.Source != Attacker).Sum(e => e.Count) >= 33);
        Assert.Equal(31, sources.Where(s => s.Source == "2001:db8:1:2::/64").Sum(s => s.Count));
        Assert.Equal(1, sources.Where(s => s.Source == "2001:db8:1:3::/64").Sum(s => s.Count));
        Assert.Equal(1, sources.Where(s => s.Source == "192.0.2.1").Sum(s => s.Count));
    }

    private static async Task<T> EventuallyAsync<T>(TelephonyAppFactory app, Func<Telephony.Data.TelephonyDbContext, Task<T>> query, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<Telephony.Data.TelephonyDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            var value = await query(db);
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The app in process, where each request says which client address it comes from (as a trusted proxy would).</summary>
    private sealed class AddressedApp(TDatabase database) : TelephonyAppFactory(database.Provider, database.ConnectionString)
    {
        public const string ClientHeader = "X-Test-Client-Address";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
        }

        private sealed class ClientAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, proceed) =>
                {
                    if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return proceed(context);
                });
                next(app);
            };
        }
    }
}

public sealed class SqliteSignatureFloodTests(SqliteDatabase database) : SignatureFloodTests<SqliteDatabase>(database);

public sealed class PostgresSignatureFloodTests(PostgresDatabase database) : SignatureFloodTests<PostgresDatabase>(database);
