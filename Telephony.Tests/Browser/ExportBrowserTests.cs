using System.Globalization;
using Microsoft.Playwright;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>The Export CSV buttons as people use them: a click downloads the file, and its rows are the table's rows.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ExportBrowserTests(BrowserFixture browser, SeededConsole console) : IClassFixture<SeededConsole>
{
    [Fact]
    public async Task Support_downloads_the_voicemail_table_and_the_csv_rows_are_the_rows_on_screen_with_callers_masked()
    {
        var page = await console.SignInAsync(browser, Roles.Support, "/voicemail");
        await console.OpenAsync(page, "/voicemail");
        var callers = await page.GetByTestId("voicemail-caller").AllInnerTextsAsync();
        var transcripts = await page.GetByTestId("voicemail-transcript").AllInnerTextsAsync();
        Assert.NotEmpty(callers);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var text = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var rows = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Cells).ToList();

        Assert.Matches(@"^voicemail-\d{8}-\d{6}\.csv$", download.SuggestedFilename);
        Assert.Equal(callers.Count, rows.Count);
        // The writer prefixes a cell a spreadsheet would evaluate (a masked "+1514***0123") with a quote; the rest is as shown.
        Assert.Equal(callers.Select(c => c.Trim()), rows.Select(r => r[1].TrimStart('\'')));
        Assert.All(rows, r => Assert.Contains("***", r[1], StringComparison.Ordinal));
        Assert.Equal(transcripts.Select(t => t.Trim()), rows.Select(r => r[5]));
        Assert.Equal(page.Url, console.BaseUrl + "/voicemail"); // the download did not navigate away
    }

    [Fact]
    public async Task The_live_calls_and_errors_pages_offer_an_export_link_to_their_csv()
    {
        var page = await console.SignInAsync(browser, Roles.Support, "/calls");
        await console.OpenAsync(page, "/calls");
        var calls = page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" });
        var callsDownload = await page.RunAndWaitForDownloadAsync(() => calls.ClickAsync());

        await console.OpenAsync(page, "/errors");
        var shown = await page.GetByTestId("errors-table").Locator("tbody tr").CountAsync();
        var errorsDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var errors = await File.ReadAllTextAsync(await errorsDownload.PathAsync(), TestContext.Current.CancellationToken);
        var callsCsv = await File.ReadAllTextAsync(await callsDownload.PathAsync(), TestContext.Current.CancellationToken);

        Assert.StartsWith("started_at_utc,call_sid,caller,", callsCsv, StringComparison.Ordinal);
        Assert.Matches(",(ringing|in-progress),", callsCsv); // the call in progress the Live calls table shows
        Assert.StartsWith("at_utc,kind,route,twilio_code,detail,call_sid,count", errors, StringComparison.Ordinal);
        Assert.True(errors.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1 >= shown, "The export holds at least the entries the table shows.");
    }

    [Fact]
    public async Task Support_downloads_the_report_and_the_csv_rows_are_the_rows_of_the_table()
    {
        var page = await console.SignInAsync(browser, Roles.Support, "/reports");
        await console.OpenAsync(page, "/reports");
        var table = page.GetByTestId("reports-table");
        var offered = await table.GetByTestId("report-cell-offered").AllInnerTextsAsync();
        var answered = await table.GetByTestId("report-cell-answered").AllInnerTextsAsync();
        var voicemail = await table.GetByTestId("report-cell-voicemail").AllInnerTextsAsync();
        var abandoned = await table.GetByTestId("report-cell-abandoned").AllInnerTextsAsync();
        Assert.InRange(offered.Count, 23, 25); // today, hour by hour

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var text = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var rows = lines[1..].Select(Cells).ToList();
        var hours = rows.Where(r => r[0] == "hour").ToList();

        Assert.Matches(@"^report-day-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        Assert.StartsWith("period,starts_at,ends_at,calls_offered,answered,voicemail,abandoned,menu_abandons,", lines[0], StringComparison.Ordinal);
        Assert.Equal(offered.Count, hours.Count);
        Assert.Equal(offered.Select(c => c.Trim()), hours.Select(r => r[3]));
        Assert.Equal(answered.Select(c => c.Trim()), hours.Select(r => r[4]));
        Assert.Equal(voicemail.Select(c => c.Trim()), hours.Select(r => r[5]));
        Assert.Equal(abandoned.Select(c => c.Trim()), hours.Select(r => (int.Parse(r[6], CultureInfo.InvariantCulture) + int.Parse(r[7], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("total", rows[^1][0]);
        Assert.Equal((await page.GetByTestId("report-total-offered").InnerTextAsync()).Trim(), rows[^1][3]);
        Assert.True(int.Parse(rows[^1][3], CultureInfo.InvariantCulture) >= 2, "the seeded console's calls of today are in the report");
        Assert.Equal(page.Url, console.BaseUrl + "/reports"); // the download did not navigate away
    }

    /// <summary>One RFC 4180 row's cells (quoted cells may hold commas and doubled quotes; the seeded rows hold no line breaks).</summary>
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
