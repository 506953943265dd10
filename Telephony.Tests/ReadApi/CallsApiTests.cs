using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telephony.Core.Calls;

namespace Telephony.Tests.ReadApi;

/// <summary><c>GET /api/calls</c> and <c>/api/calls/{sid}</c> over HTTP: filters, keyset paging, masking, problems, access.</summary>
public abstract class CallsApiTests(ReadApiFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cursor_walks_all_250_calls_newest_first_in_pages_of_100_and_the_last_page_has_no_next_link()
    {
        var seen = new List<string>();
        var pages = new List<int>();
        string? link = "/api/calls?limit=100";
        JsonElement last = default;
        while (link is not null)
        {
            last = await GetJsonAsync(fixture.KeyClient, link);
            var items = last.GetProperty("items").EnumerateArray().ToList();
            pages.Add(items.Count);
            seen.AddRange(items.Select(c => c.GetProperty("sid").GetString()!));
            link = last.TryGetProperty("next", out var next) ? next.GetString() : null;
            Assert.True(pages.Count <= 3, "More pages than 250 calls make.");
        }

        Assert.Equal([100, 100, 50], pages);
        Assert.False(last.TryGetProperty("next", out _));
        var expected = Enumerable.Range(0, ReadApiFixture.CallCount)
            .OrderByDescending(fixture.StartOf).ThenByDescending(ReadApiFixture.CallSid, StringComparer.Ordinal)
            .Select(ReadApiFixture.CallSid).ToList();
        Assert.Equal(expected, seen);
        Assert.Equal(ReadApiFixture.CallCount, seen.Distinct().Count());
    }

    [Fact]
    public async Task The_next_link_keeps_the_filters_and_the_limit()
    {
        var first = await GetJsonAsync(fixture.KeyClient, "/api/calls?status=completed&limit=30");
        var next = first.GetProperty("next").GetString()!;
        var second = await GetJsonAsync(fixture.KeyClient, next);

        Assert.StartsWith("/api/calls?", next, StringComparison.Ordinal);
        Assert.Contains("status=completed", next, StringComparison.Ordinal);
        Assert.Contains("limit=30", next, StringComparison.Ordinal);
        Assert.Equal(30, second.GetProperty("items").GetArrayLength());
        Assert.All(second.GetProperty("items").EnumerateArray(), c => Assert.Equal("completed", c.GetProperty("status").GetString()));
        Assert.Empty(Sids(first).Intersect(Sids(second)));
    }

    [Fact]
    public async Task Since_and_until_select_calls_started_in_the_window()
    {
        var since = fixture.Start.AddMinutes(100);
        var until = fixture.Start.AddMinutes(110);
        var page = await GetJsonAsync(fixture.KeyClient, $"/api/calls?since={Iso(since)}&until={Iso(until)}");

        var expected = Enumerable.Range(200, 20).Select(ReadApiFixture.CallSid).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Sids(page).Order(StringComparer.Ordinal));
        Assert.All(page.GetProperty("items").EnumerateArray(), c =>
        {
            var started = c.GetProperty("startedAt").GetDateTimeOffset();
            Assert.True(started >= since && started < until);
        });
    }

    [Fact]
    public async Task Status_and_route_filter_by_their_wire_names()
    {
        var noAnswer = await GetJsonAsync(fixture.KeyClient, "/api/calls?status=no-answer&limit=500");
        var voicemail = await GetJsonAsync(fixture.KeyClient, "/api/calls?route=voicemail&limit=500");
        var both = await GetJsonAsync(fixture.KeyClient, "/api/calls?route=sales&status=no-answer&limit=500");

        Assert.Equal(Expected(i => ReadApiFixture.StatusOf(i) == CallStatus.NoAnswer), Sids(noAnswer).Order(StringComparer.Ordinal));
        Assert.All(noAnswer.GetProperty("items").EnumerateArray(), c => Assert.Equal("no-answer", c.GetProperty("status").GetString()));
        Assert.Equal(Expected(i => ReadApiFixture.RouteOf(i) == CallRoute.Voicemail), Sids(voicemail).Order(StringComparer.Ordinal));
        Assert.Equal(Expected(i => ReadApiFixture.RouteOf(i) == CallRoute.Sales && ReadApiFixture.StatusOf(i) == CallStatus.NoAnswer), Sids(both).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_call_carries_route_consent_status_times_duration_and_its_parent_leg()
    {
        var page = await GetJsonAsync(fixture.KeyClient, $"/api/calls?since={Iso(fixture.StartOf(11))}&until={Iso(fixture.StartOf(12))}");
        var leg = page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("sid").GetString() == ReadApiFixture.CallSid(11));

        Assert.Equal(ReadApiFixture.CallSid(10), leg.GetProperty("parentCallSid").GetString());
        Assert.Equal("voicemail", leg.GetProperty("route").GetString()); // 11 % 3 == 2
        Assert.Equal("granted", leg.GetProperty("consent").GetString());
        Assert.Equal("completed", leg.GetProperty("status").GetString());
        Assert.Equal(65, leg.GetProperty("durationSeconds").GetInt32());
        Assert.Equal(fixture.StartOf(11), leg.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(fixture.StartOf(11).AddSeconds(65), leg.GetProperty("endedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Callers_are_whole_for_an_admin_key_and_masked_for_Support()
    {
        var query = $"/api/calls?since={Iso(fixture.StartOf(7))}&until={Iso(fixture.StartOf(8))}";
        var admin = await GetJsonAsync(fixture.KeyClient, query);
        var support = await GetJsonAsync(fixture.Support, query);
        var supportDetail = await GetJsonAsync(fixture.Support, "/api/calls/" + ReadApiFixture.CallSid(7));

        Assert.Equal(ReadApiFixture.Caller(7), CallerOf(admin, 7));
        Assert.Equal("+1514***0007", CallerOf(support, 7));
        Assert.Equal("+1514***0007", supportDetail.GetProperty("call").GetProperty("caller").GetString());
        Assert.DoesNotContain(ReadApiFixture.Caller(7), support.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_call_comes_with_its_timeline_in_order_and_its_legs()
    {
        var detail = await GetJsonAsync(fixture.KeyClient, "/api/calls/" + ReadApiFixture.CallSid(0));

        Assert.Equal(ReadApiFixture.CallSid(0), detail.GetProperty("call").GetProperty("sid").GetString());
        Assert.Equal(["created", "menu", "status"], detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("pressed 1", detail.GetProperty("timeline")[1].GetProperty("detail").GetString());
        Assert.Equal([ReadApiFixture.CallSid(1)], detail.GetProperty("legs").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task An_unknown_sid_is_a_404_problem()
    {
        using var response = await fixture.KeyClient.GetAsync("/api/calls/CA" + new string('f', 32), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2026-13-45", "until")]
    [InlineData("status=answered", "status")]
    [InlineData("status=Completed", "status")]
    [InlineData("route=billing", "route")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("cursor=YWJj", "cursor")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var response = await fixture.KeyClient.GetAsync("/api/calls?" + query, Ct);

        await AssertNamesParameterAsync(response, parameter);
    }

    [Fact]
    public async Task No_credentials_or_a_wrong_key_get_401_and_a_user_without_a_role_gets_403()
    {
        using var wrongKey = fixture.App.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-key");

        using var none = await fixture.Anonymous.GetAsync("/api/calls", Ct);
        using var wrong = await wrongKey.GetAsync("/api/calls", Ct);
        using var noRole = await fixture.NoRole.GetAsync("/api/calls", Ct);
        using var noRoleDetail = await fixture.NoRole.GetAsync("/api/calls/" + ReadApiFixture.CallSid(0), Ct);
        using var support = await fixture.Support.GetAsync("/api/calls", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        Assert.Equal("application/problem+json", noRole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, noRoleDetail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, support.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_list_routes_the_sid_route_and_their_parameters()
    {
        var document = await GetJsonAsync(fixture.KeyClient, "/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/calls/{sid}", out _));
        foreach (var (path, parameters) in new[] { ("/api/calls", new[] { "since", "until", "status", "route", "cursor", "limit" }), ("/api/voicemails", new[] { "since", "state", "audio", "cursor", "limit" }) })
        {
            Assert.True(paths.TryGetProperty(path, out var route), path + " is missing");
            var get = route.GetProperty("get");
            Assert.Equal(parameters.Order(StringComparer.Ordinal), get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
            Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        }
    }

    internal static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    internal static async Task AssertNamesParameterAsync(HttpResponseMessage response, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static IEnumerable<string> Sids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("sid").GetString()!);

    private static IEnumerable<string> Expected(Func<int, bool> which) =>
        Enumerable.Range(0, ReadApiFixture.CallCount).Where(which).Select(ReadApiFixture.CallSid).Order(StringComparer.Ordinal);

    private static string? CallerOf(JsonElement page, int i) =>
        page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("sid").GetString() == ReadApiFixture.CallSid(i)).GetProperty("caller").GetString();
}

public sealed class SqliteCallsApiTests(SqliteReadApiFixture fixture) : CallsApiTests(fixture), IClassFixture<SqliteReadApiFixture>;

public sealed class PostgresCallsApiTests(PostgresReadApiFixture fixture) : CallsApiTests(fixture), IClassFixture<PostgresReadApiFixture>;
