using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telephony.Core.Reports;
using Telephony.Data.Metrics.Reports;
using Telephony.Data.Metrics.Rollups;
using Telephony.Tests.ReadApi;
using Telephony.Web.Components;
using Telephony.Web.Components.Common;
using Telephony.Web.Reports;

namespace Telephony.Tests.Exports;

/// <summary>
/// <c>/reports/export.csv</c> over HTTP on each provider: the report's rows (one per bucket and the total) for the range in
/// the address, audited, closed to anonymous users and users without a role, and a bad range answered with a 400 problem.
/// </summary>
public abstract class ReportExportTests(ReadApiFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_holds_one_row_per_bucket_and_the_total_with_the_figures_the_page_shows_and_is_audited()
    {
        var clock = fixture.App.Services.GetRequiredService<ConsoleClock>();
        var first = DateOnly.FromDateTime(clock.Local(fixture.Start).DateTime);
        var last = DateOnly.FromDateTime(clock.Local(fixture.StartOf(ReadApiFixture.CallCount)).DateTime).AddDays(1);
        var range = ReportRange.Custom(first, last)!;
        // The fixture's calls were written straight into the table, into hours a pass may have folded already (empty): they
        // are counted again as the seed command does after a bulk load.
        await fixture.App.Services.GetRequiredService<HourlyRollups>().RefoldAsync(fixture.Start.AddHours(-1), fixture.StartOf(ReadApiFixture.CallCount).AddHours(1), Ct);
        var expected = await fixture.App.Services.GetRequiredService<ReportQuery>()
            .RunAsync(range, clock.Zone, ReportServices.CallbackSla(fixture.App.Services.GetRequiredService<IOptions<ConsoleOptions>>(), clock), cancellationToken: Ct);

        using var response = await fixture.Support.GetAsync("/reports/export.csv?" + range.Query(), Ct);
        var lines = await LinesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"report-custom-{ReportRange.Format(first)}-to-{ReportRange.Format(last)}.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(
            "period,starts_at,ends_at,calls_offered,answered,voicemail,abandoned,menu_abandons,blocked,transfers_attempted,answer_rate,service_level," +
            "abandonment_rate,average_speed_of_answer_seconds,average_talk_time_seconds,voicemails,callbacks_on_time,callbacks_late_or_overdue," +
            "callbacks_pending,callback_sla_met,consent_heard,consent_stood,consent_rate",
            lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Buckets.Count + 1, rows.Count);
        Assert.Equal(range.Days, expected.Buckets.Count);
        for (var i = 0; i < expected.Buckets.Count; i++)
        {
            var bucket = expected.Buckets[i];
            Assert.Equal("day", rows[i][0]);
            Assert.Equal(clock.Local(bucket.From).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), rows[i][1]);
            Assert.EndsWith("T00:00:00" + clock.Local(bucket.From).ToString("zzz", CultureInfo.InvariantCulture), rows[i][1], StringComparison.Ordinal);
            Assert.Equal(Number(bucket.Calls.Offered), rows[i][3]);
            Assert.Equal(Number(bucket.Calls.IvrAbandons), rows[i][7]);
            Assert.Equal(Number(bucket.Callbacks.Received), rows[i][15]);
        }

        var total = rows[^1];
        Assert.Equal("total", total[0]);
        Assert.Equal(Number(ReadApiFixture.CallCount - (ReadApiFixture.CallCount / 10)), total[3]); // every parent call of the fixture
        Assert.Equal(Number(rows[..^1].Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture))), total[3]);
        Assert.Equal("", total[10]); // no transfer attempted: the answer rate is empty, not 0
        Assert.Equal(total[3], total[7]); // every call ended in the menu: an IVR abandon, counted apart
        Assert.Equal("0", total[12]); // and so no abandon after a transfer: 0 ÷ calls offered
        Assert.Equal(Number(ReadApiFixture.VoicemailCount), total[15]);
        Assert.Equal(("0", ""), (total[20], total[22])); // nobody heard the disclosure: the consent rate is empty, not 0

        var entry = await fixture.QueryAuditAsync(q => q.Where(e => e.Action == "reports-export").OrderByDescending(e => e.Id).FirstAsync(Ct));
        Assert.Equal(ReadApiFixture.SupportEmail, entry.UserEmail);
        Assert.Equal("report", entry.Target);
        Assert.Equal($"{range.Query()} in {clock.ZoneId}; {rows.Count} rows", entry.Detail);
    }

    [Theory]
    [InlineData("range=year", "range")]
    [InlineData("range=week&from=30-11-2026", "from")]
    [InlineData("range=custom&from=2026-11-30", "to")]
    [InlineData("range=custom&from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("range=custom&from=2024-01-01&to=2026-11-01", "to")]
    public async Task A_bad_range_is_a_400_problem_naming_the_parameter_and_nothing_is_audited(string query, string parameter)
    {
        var before = await fixture.QueryAuditAsync(q => q.CountAsync(e => e.Action == "reports-export", Ct));

        using var response = await fixture.Support.GetAsync("/reports/export.csv?" + query, Ct);

        await CallsApiTests.AssertNamesParameterAsync(response, parameter);
        Assert.Equal(before, await fixture.QueryAuditAsync(q => q.CountAsync(e => e.Action == "reports-export", Ct)));
    }

    [Fact]
    public async Task Anonymous_users_and_users_without_a_role_are_turned_away()
    {
        using var anonymous = fixture.App.CreateBrowserlessClient();
        using var signedOut = await anonymous.GetAsync("/reports/export.csv", Ct);
        using var noRole = await fixture.NoRole.GetAsync("/reports/export.csv?range=week", Ct);

        var toLogin = signedOut.StatusCode == HttpStatusCode.Redirect && signedOut.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal);
        Assert.True(signedOut.StatusCode == HttpStatusCode.Unauthorized || toLogin, $"{(int)signedOut.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
    }

    [Fact]
    public async Task Without_a_range_the_export_is_today_hour_by_hour()
    {
        using var response = await fixture.Support.GetAsync("/reports/export.csv", Ct);
        var lines = await LinesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(lines.Length - 2, 23, 25);
        Assert.All(lines[1..^1], l => Assert.StartsWith("hour,", l, StringComparison.Ordinal));
        Assert.StartsWith("total,", lines[^1], StringComparison.Ordinal);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<string[]> LinesAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(bytes.AsSpan().StartsWith("\uFEFF"u8.ToArray()), "A CSV starts with the UTF-8 byte order mark.");
        return System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

public sealed class SqliteReportExportTests(SqliteReadApiFixture fixture) : ReportExportTests(fixture), IClassFixture<SqliteReadApiFixture>;

public sealed class PostgresReportExportTests(PostgresReadApiFixture fixture) : ReportExportTests(fixture), IClassFixture<PostgresReadApiFixture>;
