using System.Net;
using System.Text.Json;
using Telephony.Data.Voicemail;
using static Telephony.Tests.ReadApi.CallsApiTests;

namespace Telephony.Tests.ReadApi;

/// <summary><c>GET /api/voicemails</c> over HTTP: triage and audio filters, paging, masking, retention date, no audio.</summary>
public abstract class VoicemailReadApiTests(ReadApiFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cursor_walks_every_voicemail_newest_first_without_missing_or_repeating_one()
    {
        var seen = new List<string>();
        var pages = new List<int>();
        string? link = "/api/voicemails?limit=7";
        while (link is not null)
        {
            var page = await GetJsonAsync(fixture.KeyClient, link);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            pages.Add(items.Count);
            seen.AddRange(items.Select(v => v.GetProperty("recordingSid").GetString()!));
            link = page.TryGetProperty("next", out var next) ? next.GetString() : null;
            Assert.True(pages.Count <= 5, "More pages than 30 voicemails make.");
        }

        Assert.Equal([7, 7, 7, 7, 2], pages);
        Assert.Equal(Enumerable.Range(0, ReadApiFixture.VoicemailCount).Reverse().Select(ReadApiFixture.RecordingSid), seen);
    }

    [Fact]
    public async Task State_audio_and_since_filter_the_list()
    {
        var claimed = await GetJsonAsync(fixture.KeyClient, "/api/voicemails?state=claimed");
        var calledBack = await GetJsonAsync(fixture.KeyClient, "/api/voicemails?state=called-back");
        var fetched = await GetJsonAsync(fixture.KeyClient, "/api/voicemails?audio=fetched");
        var deleted = await GetJsonAsync(fixture.KeyClient, "/api/voicemails?audio=deleted");
        var recent = await GetJsonAsync(fixture.KeyClient, $"/api/voicemails?since={Iso(fixture.VoicemailAt(25))}");

        Assert.Equal(Expected(j => ReadApiFixture.StateOf(j) == VoicemailState.Claimed), Recordings(claimed));
        Assert.All(claimed.GetProperty("items").EnumerateArray(), v =>
        {
            Assert.Equal("claimed", v.GetProperty("state").GetString());
            Assert.Equal(ReadApiFixture.SupportEmail, v.GetProperty("assignee").GetString());
        });
        Assert.Equal(Expected(j => ReadApiFixture.StateOf(j) == VoicemailState.CalledBack), Recordings(calledBack));
        Assert.Equal(Expected(j => ReadApiFixture.AudioOf(j) == AudioStatus.Fetched), Recordings(fetched));
        Assert.All(fetched.GetProperty("items").EnumerateArray(), v => Assert.Equal("fetched", v.GetProperty("audio").GetString()));
        var tombstone = Assert.Single(deleted.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, tombstone.GetProperty("transcript").ValueKind);
        Assert.Equal(fixture.VoicemailAt(ReadApiFixture.VoicemailCount - 1).AddDays(1), tombstone.GetProperty("recordingDeletedAt").GetDateTimeOffset());
        Assert.Equal(Expected(j => j >= 25), Recordings(recent));
    }

    [Fact]
    public async Task Each_voicemail_has_its_transcript_and_retention_date_and_no_audio()
    {
        var page = await GetJsonAsync(fixture.KeyClient, "/api/voicemails?limit=500");
        var first = page.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("recordingSid").GetString() == ReadApiFixture.RecordingSid(1));

        Assert.Equal("Message 1", first.GetProperty("transcript").GetString());
        Assert.Equal(ReadApiFixture.CallSid(5), first.GetProperty("callSid").GetString());
        Assert.Equal(fixture.VoicemailAt(1), first.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal(fixture.VoicemailAt(1).AddDays(90), first.GetProperty("retentionDate").GetDateTimeOffset());
        var names = first.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains("path", StringComparison.OrdinalIgnoreCase) || n.Contains("url", StringComparison.OrdinalIgnoreCase) || n.Contains("bytes", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(".mp3", page.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callers_are_whole_for_an_admin_key_and_masked_for_Support()
    {
        var admin = await GetJsonAsync(fixture.KeyClient, "/api/voicemails?limit=500");
        var support = await GetJsonAsync(fixture.Support, "/api/voicemails?limit=500");

        Assert.Equal(ReadApiFixture.Caller(5), CallerOf(admin, 1));
        Assert.Equal("+1514***0005", CallerOf(support, 1));
        Assert.DoesNotContain("+15145550", support.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("since=last-week", "since")]
    [InlineData("state=open", "state")]
    [InlineData("state=calledback", "state")]
    [InlineData("audio=lost", "audio")]
    [InlineData("limit=1000", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("cursor=%25%25%25", "cursor")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var response = await fixture.KeyClient.GetAsync("/api/voicemails?" + query, Ct);

        await AssertNamesParameterAsync(response, parameter);
    }

    [Fact]
    public async Task No_credentials_get_401_and_a_user_without_a_role_gets_403()
    {
        using var none = await fixture.Anonymous.GetAsync("/api/voicemails", Ct);
        using var noRole = await fixture.NoRole.GetAsync("/api/voicemails", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
    }

    private static List<string> Recordings(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("recordingSid").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Expected(Func<int, bool> which) =>
        Enumerable.Range(0, ReadApiFixture.VoicemailCount).Where(which).Select(ReadApiFixture.RecordingSid).Order(StringComparer.Ordinal).ToList();

    private static string? CallerOf(JsonElement page, int j) =>
        page.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("recordingSid").GetString() == ReadApiFixture.RecordingSid(j)).GetProperty("caller").GetString();
}

public sealed class SqliteVoicemailReadApiTests(SqliteReadApiFixture fixture) : VoicemailReadApiTests(fixture), IClassFixture<SqliteReadApiFixture>;

public sealed class PostgresVoicemailReadApiTests(PostgresReadApiFixture fixture) : VoicemailReadApiTests(fixture), IClassFixture<PostgresReadApiFixture>;
