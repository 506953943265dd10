using System.Text;
using Microsoft.AspNetCore.Http;
using Telephony.Web.Exports;

namespace Telephony.Tests.Exports;

/// <summary>The one CSV writer: formula injection defused (OWASP), RFC 4180 quoting, nulls, and the streamed file.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("+1514***0123", "'+1514***0123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("+", "'+")]
    public void A_cell_a_spreadsheet_would_evaluate_is_prefixed_with_a_quote(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Theory]
    [InlineData("+15145550100", "+15145550100")]
    [InlineData("plain text", "plain text")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_whole_e164_number_plain_text_and_null_are_written_as_they_are(string? value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("crlf\r\nend", "\"crlf\r\nend\"")]
    public void Commas_quotes_and_line_breaks_are_quoted_per_rfc_4180(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void A_row_joins_cells_with_commas_and_ends_with_crlf() =>
        Assert.Equal("a,,\"b,c\",'=x\r\n", CsvWriter.Row("a", null, "b,c", "=x"));

    [Fact]
    public async Task The_file_is_utf8_with_a_bom_text_csv_an_attachment_and_written_as_rows_arrive()
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        var result = new CsvFileResult("t.csv", ["name", "note"], Rows(1200));

        await result.ExecuteAsync(context);

        Assert.Equal("text/csv; charset=utf-8", context.Response.ContentType);
        Assert.StartsWith("attachment; filename=t.csv", context.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var bytes = body.ToArray();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,note", lines[0]);
        Assert.Equal(1201, lines.Length);
        Assert.Equal("row 1199,'=café", lines[^1]);
    }

    [Fact]
    public async Task The_end_of_a_download_is_heard_with_its_rows_whole_or_stopped_part_way()
    {
        var heard = new List<CsvExportOutcome>();
        var whole = new DefaultHttpContext();
        whole.Response.Body = new MemoryStream();
        var broken = new DefaultHttpContext();
        broken.Response.Body = new MemoryStream();

        await new CsvFileResult("t.csv", ["name", "note"], Rows(1200), o => Record(heard, o)).ExecuteAsync(whole);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new CsvFileResult("t.csv", ["name", "note"], FailingAfter(2), o => Record(heard, o)).ExecuteAsync(broken));

        Assert.Equal("the database went away", failure.Message);
        Assert.Equal([new CsvExportOutcome(1200, Whole: true), new CsvExportOutcome(2, Whole: false)], heard);
        Assert.Equal(["1,200 rows", "stopped after 2 rows", "1 row"], [heard[0].Describe(), heard[1].Describe(), new CsvExportOutcome(1, Whole: true).Describe()]);
    }

    private static Task Record(List<CsvExportOutcome> heard, CsvExportOutcome outcome)
    {
        heard.Add(outcome);
        return Task.CompletedTask;
    }

    private static async IAsyncEnumerable<string?[]> FailingAfter(int count)
    {
        await foreach (var row in Rows(count))
        {
            yield return row;
        }

        throw new InvalidOperationException("the database went away");
    }

    private static async IAsyncEnumerable<string?[]> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return [$"row {i}", "=café"];
        }
    }
}
