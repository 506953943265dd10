using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data.Audit;
using Telephony.Tests.Web;
using Telephony.Web.Api;
using Telephony.Web.Auth;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Privacy;

/// <summary>Caller export and erasure, early recording deletes and the audit CSV, as admins and Support reach them over HTTP.</summary>
public sealed class PrivacyApiTests(PrivacyAppFixture fixture) : IClassFixture<PrivacyAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_exports_a_callers_data_as_json_the_export_is_audited_and_support_gets_403()
    {
        var voicemail = await fixture.AddVoicemailAsync("+15145551001", "Question about my bill");

        using var denied = await fixture.Support.GetAsync("/api/callers/+15145551001/export", Ct);
        using var response = await fixture.Admin.GetAsync("/api/callers/%2B15145551001/export", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("+15145551001", export.GetProperty("phoneNumber").GetString());
        Assert.Equal(voicemail.CallSid, export.GetProperty("calls")[0].GetProperty("callSid").GetString());
        Assert.Equal("Question about my bill", export.GetProperty("voicemails")[0].GetProperty("transcript").GetString());
        Assert.Equal(1, export.GetProperty("consentLedger").GetArrayLength());
        var audit = await fixture.QueryAsync(db => db.AdminAuditEntries.AsNoTracking().SingleAsync(a => a.Action == "caller-export" && a.Target == "+15145551001", Ct));
        Assert.Equal(TelephonyAppFactory.AdminEmail, audit.UserEmail);
    }

    [Theory]
    [InlineData("5145551001")]
    [InlineData("+0145551001")]
    [InlineData("+1514555100123456789")]
    [InlineData("abc")]
    public async Task A_number_that_is_not_e164_gets_a_400_problem_naming_the_phone(string phone)
    {
        using var export = await fixture.Admin.GetAsync($"/api/callers/{Uri.EscapeDataString(phone)}/export", Ct);
        using var erase = await fixture.Admin.PostAsync($"/api/callers/{Uri.EscapeDataString(phone)}/erase", null, Ct);

        foreach (var response in new[] { export, erase })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("Invalid phone number", problem.GetProperty("title").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _));
        }
    }

    [Fact]
    public async Task An_admin_erases_a_caller_the_file_is_gone_the_consent_ledger_survives_and_support_gets_403()
    {
        var voicemail = await fixture.AddVoicemailAsync("+15145551002", "Private details");

        using var denied = await fixture.Support.PostAsync("/api/callers/+15145551002/erase", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.True(File.Exists(fixture.Storage.PathFor(voicemail.RecordingSid)));

        using var response = await fixture.Admin.PostAsync("/api/callers/+15145551002/erase", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erasure = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, erasure.GetProperty("voicemailsErased").GetInt32());
        Assert.Equal(1, erasure.GetProperty("consentEntriesKept").GetInt32());
        Assert.False(File.Exists(fixture.Storage.PathFor(voicemail.RecordingSid)));
        Assert.Null(await fixture.QueryAsync(db => db.Voicemails.AsNoTracking().Where(v => v.Id == voicemail.Id).Select(v => v.Transcript).SingleAsync(Ct)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.ConsentRecords.CountAsync(r => r.CallerNumber == "+15145551002", Ct)));
        Assert.Equal(0, await fixture.QueryAsync(db => db.Calls.CountAsync(c => c.From == "+15145551002", Ct)));
        Assert.True(await fixture.QueryAsync(db => db.AdminAuditEntries.AnyAsync(a => a.Action == "caller-erase" && a.Target == "+1514***1002" && a.UserEmail == TelephonyAppFactory.AdminEmail, Ct)));
    }

    [Fact]
    public async Task Deleting_a_recording_early_removes_the_file_for_an_admin_and_support_gets_403()
    {
        var voicemail = await fixture.AddVoicemailAsync("+15145551003");

        using var denied = await fixture.Support.DeleteAsync($"/api/voicemails/{voicemail.Id}/recording", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.True(File.Exists(fixture.Storage.PathFor(voicemail.RecordingSid)));

        using var deleted = await fixture.Admin.DeleteAsync($"/api/voicemails/{voicemail.Id}/recording", Ct);
        using var missing = await fixture.Admin.DeleteAsync($"/api/voicemails/{Guid.NewGuid()}/recording", Ct);
        using var audio = await fixture.Admin.GetAsync($"/voicemail/{voicemail.Id}/audio", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, audio.StatusCode);
        Assert.False(File.Exists(fixture.Storage.PathFor(voicemail.RecordingSid)));
        Assert.True(await fixture.QueryAsync(db => db.AdminAuditEntries.AnyAsync(a => a.Action == "recording-delete" && a.Target == voicemail.RecordingSid && a.UserEmail == TelephonyAppFactory.AdminEmail, Ct)));
    }

    [Fact]
    public async Task The_audit_log_exports_as_csv_with_formulas_defused_the_export_is_audited_and_support_gets_403()
    {
        var audit = fixture.App.Services.GetRequiredService<AdminAuditLog>();
        await audit.RecordAsync("u-9", "csv@test.local", "porting-create", "+15145551004", "=HYPERLINK(\"http://evil\")", Ct);

        using var denied = await fixture.Support.GetAsync("/audit/log.csv", Ct);
        using var export = await fixture.Admin.GetAsync("/audit/log.csv?user=csv%40test.local", Ct);
        var lines = (await export.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("at_utc,user_email,user_id,action,target,detail", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.EndsWith(",csv@test.local,u-9,porting-create,+15145551004,\"'=HYPERLINK(\"\"http://evil\"\")\"", row, StringComparison.Ordinal);
        var exported = await fixture.QueryAsync(db => db.AdminAuditEntries.AsNoTracking().SingleAsync(a => a.Action == "audit-export" && a.Detail!.Contains("user csv@test.local"), Ct));
        Assert.Equal(TelephonyAppFactory.AdminEmail, exported.UserEmail);
        Assert.StartsWith("1 entries", exported.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_user_and_changing_a_role_are_audited_with_who_did_it_and_no_password()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var by = new AdminActor("admin-id", TelephonyAppFactory.AdminEmail);

        Assert.Empty(await users.CreateAsync("audited@test.local", null, "Audited-User-Pass-1", Roles.Support, by));
        var id = (await users.ListAsync(Ct)).Single(u => u.Email == "audited@test.local").Id;
        Assert.Empty(await users.SetRoleAsync(id, Roles.Admin, by));

        var entries = await fixture.QueryAsync(db => db.AdminAuditEntries.AsNoTracking().Where(a => a.Target == "audited@test.local").OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(["user-create", "user-role-change"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("admin-id", TelephonyAppFactory.AdminEmail), (e.UserId, e.UserEmail)));
        Assert.Equal("Support -> Admin", entries[1].Detail);
        Assert.DoesNotContain(entries, e => e.Detail!.Contains("Audited-User-Pass-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_api_key_erasure_is_audited_under_the_keys_name_and_the_secret_is_neither_stored_nor_logged()
    {
        var keys = fixture.App.Services.GetRequiredService<ApiKeyAdministration>();
        var (_, secret) = await keys.CreateAsync("privacy script", new AdminActor("admin-id", TelephonyAppFactory.AdminEmail), Ct);
        await fixture.AddVoicemailAsync("+15145551005");
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);

        using var response = await client.PostAsync("/api/callers/+15145551005/erase", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = await fixture.QueryAsync(db => db.AdminAuditEntries.AsNoTracking().SingleAsync(a => a.Action == "caller-erase" && a.Target == "+1514***1005", Ct));
        Assert.Equal("api-key:privacy script", audit.UserEmail);
        Assert.DoesNotContain(fixture.App.Logs.Entries, e => e.Contains(secret, StringComparison.Ordinal) || e.Contains("+15145551005", StringComparison.Ordinal));
        Assert.Empty(await TextColumnsContainingAsync(secret));
    }

    // Every text value in every table of the SQLite file: where a secret would be if anything stored it.
    private async Task<List<string>> TextColumnsContainingAsync(string value) => await fixture.QueryAsync(async db =>
    {
        var hits = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string text && text.Contains(value, StringComparison.Ordinal))
                    {
                        hits.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return hits;
    });
}
