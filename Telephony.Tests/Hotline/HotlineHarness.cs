using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Simulator;
using Telephony.Core.Twilio;
using Telephony.Data;
using Telephony.Tests.Web;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Hotline;

/// <summary>Plays Twilio against one app: signed posts, whole simulated calls, and a look at the database behind it.</summary>
public sealed class HotlineHarness(TelephonyAppFactory app)
{
    public const string SalesNumber = "+15145550101";
    public const string SupportNumber = "+15145550102";
    public const string HotlineNumber = "+15145550100";

    public TelephonyAppFactory App { get; } = app;

    public TwilioCredentials Credentials => App.Services.GetRequiredService<TwilioCredentials>();

    public static void Configure(TelephonyAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Settings["Telephony:SalesNumber"] = SalesNumber;
        app.Settings["Telephony:SupportNumber"] = SupportNumber;
    }

    public static string Url(string pathAndQuery) => TelephonyAppFactory.PublicBaseUrl + pathAndQuery;

    /// <summary>Posts a form signed exactly as Twilio signs it (or with the given signature).</summary>
    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, IEnumerable<KeyValuePair<string, string>> form, string? signature = null, string? signedUrl = null)
    {
        var pairs = form.ToList();
        signature ??= new TwilioSignatureValidator(Credentials.AuthToken).ComputeSignature(signedUrl ?? Url(pathAndQuery), pairs);
        var client = App.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(pairs) };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(string pathAndQuery, params (string Key, string Value)[] form) =>
        PostAsync(pathAndQuery, form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public async Task<SimulatedCall> CallAsync(CallerScript script)
    {
        using var client = App.CreateLoopbackClient();
        var simulator = new CallSimulator(
            Credentials.AuthToken,
            TelephonyAppFactory.PublicBaseUrl,
            new FakeTwilioTransport(new HttpTwilioTransport(client), App.Services.GetRequiredService<FakeTwilioState>(), TimeProvider.System),
            new SimulatorOptions { AccountSid = Credentials.AccountSid, AudioBaseUrl = SimulatorApi.AudioBaseUrl(Credentials) });
        return await simulator.PlayAsync(script, TestContext.Current.CancellationToken);
    }

    public static CallerScript Caller(params string?[] keys) => new(NextCaller(), HotlineNumber) { Keys = keys };

    /// <summary>A distinct caller per call, so the rate limiter never interferes with unrelated scenarios.</summary>
    public static string NextCaller() => "+1438" + Interlocked.Increment(ref callerCounter).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<T> QueryAsync<T>(Func<TelephonyDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await query(db);
    }

    /// <summary>Waits for a background effect (the audio fetcher) and fails with the last observed value.</summary>
    public async Task<T> EventuallyAsync<T>(Func<TelephonyDbContext, Task<T>> query, Func<T, bool> done, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var value = await QueryAsync(query);
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static XDocument TwiML(string body) => XDocument.Parse(body);

    private static int callerCounter = Random.Shared.Next(1_000_000);
}
