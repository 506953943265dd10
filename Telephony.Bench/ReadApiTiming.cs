using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Npgsql;
using Telephony.Data.Paging;

namespace Telephony.Bench;

/// <summary>
/// The read API at production volume, over HTTP with an API key: <c>GET /api/calls</c> (first page, and a page half a million
/// calls deep by its cursor) and <c>GET /api/voicemails</c>, on calls seeded with the app's own <c>seed</c> command and a
/// voicemail for every call that reached voicemail. Each figure is the median of 20 warm requests after 3 warm-up requests.
/// </summary>
internal static class ReadApiTiming
{
    public sealed record Result(int Calls, long Voicemails, double FirstPageMs, double DeepPageMs, double VoicemailsMs, double MaxMs);

    private const int DeepOffset = 500_000;

    /// <param name="seeded">True when <paramref name="database"/> already holds the seeded calls (the Overview part's).</param>
    public static async Task<Result> RunAsync(BenchSettings settings, ScratchDatabase database, string mediaBaseUrl, Report report, bool seeded)
    {
        if (!seeded)
        {
            await OverviewTiming.SeedAsync(settings, "Postgres", database.ConnectionString);
        }

        var voicemails = await AddVoicemailsAsync(database);
        await database.ExecuteAsync("VACUUM ANALYZE \"Calls\"");
        await database.ExecuteAsync("VACUUM ANALYZE \"Voicemails\"");
        var key = await AddApiKeyAsync(database);
        var deep = await CursorAtAsync(database, Math.Min(DeepOffset, settings.OverviewCalls / 2));

        await using var app = await AppUnderTest.StartAsync(settings, "Postgres", database.ConnectionString, BenchSettings.FreePort(), mediaBaseUrl, "app-readapi");
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var first = await MedianAsync(client, "/api/calls?limit=100");
        var deepPage = await MedianAsync(client, "/api/calls?limit=100&cursor=" + deep.Encode());
        var list = await MedianAsync(client, "/api/voicemails?limit=100");
        var result = new Result(settings.OverviewCalls, voicemails, first.Median, deepPage.Median, list.Median, Math.Max(first.Max, Math.Max(deepPage.Max, list.Max)));

        Console.WriteLine($"read API at {result.Calls:N0} calls, {result.Voicemails:N0} voicemails: /api/calls first page {result.FirstPageMs:F1} ms, "
            + $"deep page {result.DeepPageMs:F1} ms, /api/voicemails {result.VoicemailsMs:F1} ms (medians; max {result.MaxMs:F1} ms)");
        report.Add($"Read API, GET /api/calls first page of 100, {Report.F(result.Calls)} calls in PostgreSQL",
            $"median of 20 {Report.Ms(result.FirstPageMs)} (max {Report.Ms(first.Max)})", "", "", "< 50 ms", result.FirstPageMs < 50);
        report.Add($"Read API, GET /api/calls page of 100 after {Report.F(Math.Min(DeepOffset, settings.OverviewCalls / 2))} calls (cursor)",
            $"median of 20 {Report.Ms(result.DeepPageMs)} (max {Report.Ms(deepPage.Max)})", "", "", "< 50 ms", result.DeepPageMs < 50);
        report.Add($"Read API, GET /api/voicemails first page of 100, {Report.F(result.Voicemails)} voicemails",
            $"median of 20 {Report.Ms(result.VoicemailsMs)} (max {Report.Ms(list.Max)})", "", "", "< 50 ms", result.VoicemailsMs < 50);
        return result;
    }

    private static async Task<(double Median, double Max)> MedianAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 3; i++)
        {
            await GetAsync(client, path);
        }

        var runs = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await GetAsync(client, path);
            runs.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        runs.Sort();
        return ((runs[9] + runs[10]) / 2, runs[^1]);
    }

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK || body.Length < 100)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode}, {body.Length} bytes");
        }
    }

    /// <summary>A voicemail for every parent call that reached voicemail, in a spread of triage states and audio outcomes.</summary>
    private static async Task<long> AddVoicemailsAsync(ScratchDatabase database)
    {
        await database.ExecuteAsync("""
            INSERT INTO "Voicemails" ("Id", "CallSid", "RecordingSid", "RecordingUrl", "DurationSeconds", "Transcript", "TranscriptStatus",
                "AudioStatus", "FetchAttempts", "State", "CreatedAt", "Version")
            SELECT gen_random_uuid(), c."CallSid", 'RE' || md5(c."CallSid"), '', 20, 'Hello, please call me back about my order.', 'completed',
                (ARRAY['Fetched', 'Fetched', 'Fetched', 'Failed'])[1 + (hashtext(c."CallSid") & 3)], 0,
                (ARRAY['New', 'Claimed', 'CalledBack', 'Archived'])[1 + ((hashtext(c."CallSid") >> 2) & 3)],
                c."CreatedAt" + interval '40 seconds', gen_random_uuid()
            FROM "Calls" c WHERE c."ReachedVoicemail" AND c."ParentCallSid" IS NULL
            """);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"Voicemails\"", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A key as the console creates one (only its lower-case hex SHA-256 is stored).</summary>
    private static async Task<string> AddApiKeyAsync(ScratchDatabase database)
    {
        var secret = "tk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO \"ApiKeys\" (\"Id\", \"Name\", \"KeyHash\", \"Prefix\", \"CreatedBy\", \"CreatedAt\") VALUES (@id, 'bench', @hash, @prefix, 'bench', now())", connection);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("hash", Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))));
        insert.Parameters.AddWithValue("prefix", secret[..10]);
        await insert.ExecuteNonQueryAsync();
        return secret;
    }

    /// <summary>Where a client that paged <paramref name="offset"/> calls deep (newest first) holds its cursor.</summary>
    private static async Task<KeysetCursor> CursorAtAsync(ScratchDatabase database, int offset)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"CreatedAt\", \"CallSid\" FROM \"Calls\" ORDER BY \"CreatedAt\" DESC, \"CallSid\" DESC OFFSET @offset LIMIT 1", connection);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("offset", offset);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("Fewer seeded calls than the deep page's offset.");
        }

        return new KeysetCursor(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1));
    }
}
