using System.Diagnostics;
using System.Net;

namespace Telephony.Bench;

/// <summary>
/// The console as a person opens it: the app (Release, as an operator starts it) on a database seeded with the app's
/// own <c>seed</c> command (which also counts the hourly rollups), signed in through the login form, each page loaded
/// over HTTP with its real arguments. Per page: 2 warm-up loads, then 15 timed ones; the time to the first byte of the
/// prerendered page's body (headers read, then one body byte) and to its last byte.
/// </summary>
internal static class PageTiming
{
    public const int Loads = 15;

    /// <summary>
    /// The console's pages (DESIGN.md) with the arguments a person uses: the Consent page's window is <c>?days=</c>, the
    /// Reports page's a range of days ending <paramref name="today"/> (the seed spreads its calls over the last 30 days).
    /// </summary>
    public static (string Name, string Path)[] Pages(DateOnly today) =>
    [
        ("Overview", "/"),
        ("Live calls", "/calls"),
        ("Voicemail", "/voicemail"),
        ("Consent, 30 days", "/consent"),
        ("Consent, 90 days", "/consent?days=90"),
        ("Reports, today", "/reports"),
        ("Reports, 30 days", $"/reports?range=custom&from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
        ("Reports, 90 days", $"/reports?range=custom&from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
        ("Errors", "/errors"),
        ("Alerts", "/alerts"),
        ("Audit log", "/audit"),
        ("Numbers", "/numbers"),
        ("Transactions", "/transactions"),
        ("Users", "/users"),
        ("Caller data", "/callers"),
        ("Settings", "/settings"),
        ("Wallboard", "/wallboard"),
    ];

    public sealed record PageResult(string Name, double FirstByteMedianMs, double FirstByteMaxMs, double FullMedianMs, long Bytes);

    /// <summary>Starts the app on the seeded database and times every page.</summary>
    public static async Task<IReadOnlyList<PageResult>> RunAsync(BenchSettings settings, string provider, string connectionString, string mediaBaseUrl)
    {
        var port = BenchSettings.FreePort();
        await using var app = await AppUnderTest.StartAsync(settings, provider, connectionString, port, mediaBaseUrl, "app-pages-" + provider.ToLowerInvariant());
        var cookie = new SessionCookie(await ConsoleSignIn.CookieAsync(app.BaseUrl));
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var results = new List<PageResult>();
        foreach (var (name, path) in Pages(DateOnly.FromDateTime(DateTime.UtcNow)))
        {
            results.Add(await TimeAsync(client, app.BaseUrl + path, cookie, name));
        }

        return results;
    }

    /// <summary>One report row per page, against <paramref name="targetMs"/> for the median (and 2.5 × it for the max).</summary>
    public static void AddRows(Report report, IReadOnlyList<PageResult> pages, int calls, string providerName, double targetMs)
    {
        foreach (var page in pages)
        {
            Console.WriteLine($"page {page.Name} ({providerName}, {calls:N0} calls): first byte median {page.FirstByteMedianMs:F1} ms, max {page.FirstByteMaxMs:F1} ms; whole page median {page.FullMedianMs:F1} ms, {page.Bytes:N0} bytes");
            report.Add(
                $"Console page {page.Name}, {Report.F(calls)} calls in {providerName}, signed in",
                $"first byte median of {Loads} {Report.Ms(page.FirstByteMedianMs)} (max {Report.Ms(page.FirstByteMaxMs)}); whole page {Report.Ms(page.FullMedianMs)}",
                "",
                "",
                $"< {targetMs:F0} ms median, < {targetMs * 2.5:F0} ms max",
                page.FirstByteMedianMs < targetMs && page.FirstByteMaxMs < targetMs * 2.5);
        }
    }

    private static async Task<PageResult> TimeAsync(HttpClient client, string url, SessionCookie cookie, string name)
    {
        for (var i = 0; i < 2; i++)
        {
            await LoadAsync(client, url, cookie);
        }

        var firstBytes = new List<double>();
        var fulls = new List<double>();
        long bytes = 0;
        for (var i = 0; i < Loads; i++)
        {
            var (first, full, length) = await LoadAsync(client, url, cookie);
            firstBytes.Add(first);
            fulls.Add(full);
            bytes = length;
        }

        firstBytes.Sort();
        fulls.Sort();
        return new PageResult(name, firstBytes[Loads / 2], firstBytes[^1], fulls[Loads / 2], bytes);
    }

    private static async Task<(double FirstByteMs, double FullMs, long Bytes)> LoadAsync(HttpClient client, string url, SessionCookie cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie.Value);
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url}: HTTP {(int)response.StatusCode} (signed in?)");
        }

        cookie.Update(response);

        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var read = await body.ReadAsync(buffer);
        var firstByte = stopwatch.Elapsed.TotalMilliseconds;
        long total = read;
        while (read > 0)
        {
            read = await body.ReadAsync(buffer);
            total += read;
        }

        return (firstByte, stopwatch.Elapsed.TotalMilliseconds, total);
    }

    /// <summary>
    /// The sign-in cookie as a browser keeps it: replaced when the app re-issues it after re-checking the session
    /// (<c>Security:SessionRevalidationInterval</c>). With a fixed cookie every load after the first minute would re-check
    /// the user against the database, which a browser's loads do once a minute.
    /// </summary>
    private sealed class SessionCookie(string value)
    {
        public string Value { get; private set; } = value;

        public void Update(HttpResponseMessage response)
        {
            var name = Value[..(Value.IndexOf('=', StringComparison.Ordinal) + 1)];
            if (response.Headers.TryGetValues("Set-Cookie", out var values)
                && values.FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal)) is { } renewed)
            {
                var end = renewed.IndexOf(';', StringComparison.Ordinal);
                Value = end < 0 ? renewed : renewed[..end];
            }
        }
    }
}
