using System.Net;
using Microsoft.EntityFrameworkCore;
using Telephony.Tests.Web;
using Telephony.Web.Auth;
using Telephony.Web.Exports;

namespace Telephony.Tests.Hotline;

/// <summary>Privacy access requests: the consent ledger by caller as CSV, admin only and audited.</summary>
public sealed class ConsentExportTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    [Fact]
    public async Task An_admin_exports_one_callers_ledger_and_the_export_is_audited_while_support_gets_403()
    {
        var caller = HotlineHarness.NextCaller();
        await fixture.Hotline.CallAsync(new Telephony.Core.Simulator.CallerScript(caller, HotlineHarness.HotlineNumber) { Keys = ["8", "9"] });
        await fixture.Hotline.App.CreateUserAsync("support-export@test.local", "Support-Export-Pass-1", Roles.Support);
        using var support = fixture.Hotline.App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(support, "support-export@test.local", "Support-Export-Pass-1");
        using var admin = fixture.Hotline.App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(admin, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        using var denied = await support.GetAsync("/consent/ledger.csv", TestContext.Current.CancellationToken);
        using var export = await admin.GetAsync("/consent/ledger.csv?caller=" + Uri.EscapeDataString(caller), TestContext.Current.CancellationToken);
        var lines = (await export.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("recorded_at_utc,caller,call_sid,decision,method,prompt_version,language,jurisdiction", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains($",{caller},", StringComparison.Ordinal) && l.Contains(",Withdrawn,dtmf-8,", StringComparison.Ordinal));
        var audit = await fixture.Hotline.QueryAsync(db => db.AdminAuditEntries.SingleAsync(a => a.Action == "consent-export" && a.Target == caller, TestContext.Current.CancellationToken));
        Assert.Equal(TelephonyAppFactory.AdminEmail, audit.UserEmail);
        Assert.Equal("2 ledger entries", audit.Detail);
    }

    [Theory]
    [InlineData("+15145550100", "+15145550100")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("a,b", "\"a,b\"")]
    public void Csv_cells_are_quoted_and_formulas_defused(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));
}
