using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Audit;
using Telephony.Data.Errors;
using Telephony.Tests.ReadApi;
using Telephony.Tests.Web;

namespace Telephony.Tests.Exports;

/// <summary>
/// The CSV exports over HTTP on each provider: content type and file name, the header row, rows that match the seeded data,
/// callers masked for Support and whole for admins, who may export, and the audit entry each export writes.
/// </summary>
public abstract class ExportApiTests(ReadApiFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_export_is_a_csv_attachment_of_the_window_with_callers_whole_for_an_admin_and_is_audited()
    {
        using var admin = await AdminAsync();
        var since = fixture.Start.AddMinutes(100);
        var until = fixture.Start.AddMinutes(110);

        using var response = await admin.GetAsync($"/calls/export.csv?since={CallsApiTests.Iso(since)}&until={CallsApiTests.Iso(until)}", Ct);
        var lines = await LinesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches(@"^calls-\d{8}-\d{6}\.csv$", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal(
            "started_at_utc,call_sid,caller,called,direction,status,route,consent,language,answered_at_utc,ended_at_utc,duration_seconds,dial_status,reached_voicemail",
            lines[0]);
        var expected = Enumerable.Range(200, 20).OrderByDescending(i => i).Select(ReadApiFixture.CallSid).ToList();
        Assert.Equal(expected, lines[1..].Select(l => l.Split(',')[1]).ToList());
        Assert.StartsWith($"{CallsApiTests.Iso(fixture.StartOf(219)).Replace("%3A", ":", StringComparison.Ordinal)},{ReadApiFixture.CallSid(219)},{ReadApiFixture.Caller(219)},+15145550100,inbound,", lines[1], StringComparison.Ordinal);
        var entries = await LastAuditsAsync("calls-export", 2);
        var (finished, started) = (entries[0], entries[1]);
        Assert.All(entries, e => Assert.Equal(TelephonyAppFactory.AdminEmail, e.UserEmail));
        var parameters = "started " + since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) + " to "
            + until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) + "; callers whole";
        Assert.Equal(parameters, started.Detail); // on record before the first row left
        Assert.Equal(parameters + "; 20 rows", finished.Detail); // and what left, once the download ended
    }

    [Fact]
    public async Task Every_streamed_export_is_audited_again_with_the_rows_it_wrote()
    {
        using var admin = await AdminAsync();
        using var voicemail = await fixture.Support.GetAsync("/voicemail/export.csv?view=all", Ct);
        var voicemailRows = (await LinesAsync(voicemail)).Length - 1;
        using var errors = await admin.GetAsync("/errors/export.csv", Ct);
        var errorRows = (await LinesAsync(errors)).Length - 1;

        var voicemailAudit = await LastAuditsAsync("voicemail-export", 2);
        var errorsAudit = await LastAuditsAsync("errors-export", 2);

        Assert.True(voicemailRows > 1);
        Assert.Equal(voicemailAudit[1].Detail + $"; {voicemailRows:N0} rows", voicemailAudit[0].Detail);
        Assert.Equal(errorsAudit[1].Detail + $"; {errorRows:N0} row" + (errorRows == 1 ? "" : "s"), errorsAudit[0].Detail);
    }

    [Fact]
    public async Task Calls_export_masks_callers_for_support_and_audits_it_as_masked()
    {
        var since = fixture.Start.AddMinutes(100);
        var until = fixture.Start.AddMinutes(101);

        using var response = await fixture.Support.GetAsync($"/calls/export.csv?since={CallsApiTests.Iso(since)}&until={CallsApiTests.Iso(until)}", Ct);
        var lines = await LinesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, lines.Length);
        var caller = lines[1].Split(',')[2];
        Assert.Equal("'+1514***0201", caller); // masked as on screen, and quoted so a spreadsheet does not evaluate it
        Assert.DoesNotContain(ReadApiFixture.Caller(201), string.Join("\n", lines), StringComparison.Ordinal);
        var entry = await LastAuditAsync("calls-export");
        Assert.Equal(ReadApiFixture.SupportEmail, entry.UserEmail);
        Assert.Contains("callers masked", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_export_with_a_bad_time_is_a_400_problem_naming_it()
    {
        using var response = await fixture.Support.GetAsync("/calls/export.csv?since=yesterday", Ct);

        await CallsApiTests.AssertNamesParameterAsync(response, "since");
    }

    [Fact]
    public async Task Voicemail_export_follows_the_pages_view_and_search_and_support_sees_masked_callers()
    {
        using var all = await fixture.Support.GetAsync("/voicemail/export.csv?view=all", Ct);
        using var backlog = await fixture.Support.GetAsync("/voicemail/export.csv", Ct);
        using var searched = await fixture.Support.GetAsync("/voicemail/export.csv?view=all&q=message%2012", Ct);
        var allLines = await LinesAsync(all);
        var backlogLines = await LinesAsync(backlog);
        var searchedLines = await LinesAsync(searched);

        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        Assert.Equal("received_at_utc,caller,duration_seconds,state,assignee,transcript,called_back_at_utc,recording_deleted_at_utc,call_sid", allLines[0]);
        Assert.Equal(ReadApiFixture.VoicemailCount, allLines.Length - 1);
        Assert.Equal(Enumerable.Range(0, ReadApiFixture.VoicemailCount).Count(j => j % 4 is 0 or 1), backlogLines.Length - 1);
        var row = Assert.Single(searchedLines[1..]);
        Assert.Equal($"'+1514***{(3 * 12) + 2:D4},20,new,,Message 12,,,{ReadApiFixture.CallSid((3 * 12) + 2)}", row[(row.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        var entry = await LastAuditAsync("voicemail-export");
        Assert.Equal(ReadApiFixture.SupportEmail, entry.UserEmail);
        Assert.Equal("view all; search message 12; callers masked; 1 row", entry.Detail);
    }

    [Fact]
    public async Task Voicemail_export_shows_whole_callers_to_an_admin_and_rejects_an_unknown_view()
    {
        using var admin = await AdminAsync();

        using var response = await admin.GetAsync("/voicemail/export.csv?view=all&q=message%2012", Ct);
        using var bad = await admin.GetAsync("/voicemail/export.csv?view=everything", Ct);
        var lines = await LinesAsync(response);

        Assert.Contains($",{ReadApiFixture.Caller((3 * 12) + 2)},", lines[1], StringComparison.Ordinal);
        await CallsApiTests.AssertNamesParameterAsync(bad, "view");
    }

    [Fact]
    public async Task Errors_export_lists_the_webhook_log_of_the_window_with_formulas_defused_and_is_audited()
    {
        var store = fixture.App.Services.GetRequiredService<WebhookErrorStore>();
        var at = fixture.Start.AddDays(1);
        await store.RecordAsync(WebhookErrorKind.TwilioError, "/twilio/voice/menu", "=cmd|' /C calc'!A0", Ct, callSid: ReadApiFixture.CallSid(7), errorCode: "11200", at: at);
        await store.RecordAsync(WebhookErrorKind.HandlerException, "/twilio/voice/status", "timeout, then \"retry\"", Ct, at: at.AddMinutes(1));
        await store.RecordAsync(WebhookErrorKind.HandlerException, "/twilio/voice/status", "outside the window", Ct, at: at.AddHours(2));

        using var response = await fixture.Support.GetAsync($"/errors/export.csv?from={CallsApiTests.Iso(at)}&to={CallsApiTests.Iso(at.AddHours(1))}", Ct);
        var lines = await LinesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("at_utc,kind,route,twilio_code,detail,call_sid,count", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",HandlerException,/twilio/voice/status,,\"timeout, then \"\"retry\"\"\",,1", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($",TwilioError,/twilio/voice/menu,11200,'=cmd|' /C calc'!A0,{ReadApiFixture.CallSid(7)},1", lines[2], StringComparison.Ordinal);
        var entry = await LastAuditAsync("errors-export");
        Assert.Equal(ReadApiFixture.SupportEmail, entry.UserEmail);
        Assert.Equal("webhook log", entry.Target);
    }

    [Theory]
    [InlineData("/calls/export.csv")]
    [InlineData("/voicemail/export.csv")]
    [InlineData("/errors/export.csv")]
    [InlineData("/audit/log.csv")]
    public async Task Exports_turn_away_anonymous_users_and_users_without_a_role(string path)
    {
        using var anonymous = fixture.App.CreateBrowserlessClient();
        using var signedOut = await anonymous.GetAsync(path, Ct);
        using var noRole = await fixture.NoRole.GetAsync(path, Ct);

        var toLogin = signedOut.StatusCode == HttpStatusCode.Redirect && signedOut.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal);
        Assert.True(signedOut.StatusCode == HttpStatusCode.Unauthorized || toLogin, $"{path} -> {(int)signedOut.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_export_is_admin_only_and_audits_itself()
    {
        using var admin = await AdminAsync();
        using var calls = await fixture.Support.GetAsync("/calls/export.csv", Ct);

        using var denied = await fixture.Support.GetAsync("/audit/log.csv", Ct);
        using var response = await admin.GetAsync("/audit/log.csv?action=calls-export", Ct);
        var lines = await LinesAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("at_utc,user_email,user_id,action,target,detail", lines[0]);
        var logged = await fixture.QueryAuditAsync(q => q.CountAsync(e => e.Action == "calls-export", Ct));
        Assert.True(logged >= 1);
        Assert.Equal(logged, lines.Length - 1);
        Assert.All(lines[1..], l => Assert.Contains(",calls-export,calls,", l, StringComparison.Ordinal));
        var entry = await LastAuditAsync("audit-export");
        Assert.StartsWith($"{logged} entries; action calls-export", entry.Detail, StringComparison.Ordinal);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = fixture.App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        return client;
    }

    private Task<AdminAuditEntry> LastAuditAsync(string action) =>
        fixture.QueryAuditAsync(q => q.Where(e => e.Action == action).OrderByDescending(e => e.Id).FirstAsync(Ct));

    /// <summary>The newest <paramref name="count"/> entries of <paramref name="action"/>, newest first.</summary>
    private Task<List<AdminAuditEntry>> LastAuditsAsync(string action, int count) =>
        fixture.QueryAuditAsync(q => q.Where(e => e.Action == action).OrderByDescending(e => e.Id).Take(count).ToListAsync(Ct));

    private static async Task<string[]> LinesAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(bytes.AsSpan().StartsWith("\uFEFF"u8.ToArray()) || bytes.Length == 0 || response.StatusCode != HttpStatusCode.OK, "A CSV starts with the UTF-8 byte order mark.");
        return System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

public sealed class SqliteExportApiTests(SqliteReadApiFixture fixture) : ExportApiTests(fixture), IClassFixture<SqliteReadApiFixture>;

public sealed class PostgresExportApiTests(PostgresReadApiFixture fixture) : ExportApiTests(fixture), IClassFixture<PostgresReadApiFixture>;
