using System.Text;
using Microsoft.Net.Http.Headers;

namespace Telephony.Web.Exports;

/// <summary>
/// A CSV download written as its rows arrive (never the whole table in memory): UTF-8 with a byte order mark (so spreadsheets
/// read accents right), <c>text/csv</c>, and <c>Content-Disposition: attachment</c> with <paramref name="fileName"/>.
/// When the download ends, written whole or stopped part way (the browser went away, a read failed), <paramref name="finished"/>
/// hears how many rows were written and whether that was all of them, so that the export's audit entry can say what left.
/// </summary>
public sealed class CsvFileResult(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<string?[]> rows, Func<CsvExportOutcome, Task>? finished = null) : IResult
{
    private const int FlushEvery = 500;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string FileName => fileName;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";

        await response.Body.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken).ConfigureAwait(false);
        var writer = new StreamWriter(response.Body, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var written = 0;
            var whole = false;
            try
            {
                await writer.WriteAsync(CsvWriter.Row([.. header])).ConfigureAwait(false);
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteAsync(CsvWriter.Row(row)).ConfigureAwait(false);
                    if (++written % FlushEvery == 0)
                    {
                        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                whole = true;
            }
            finally
            {
                if (finished is not null)
                {
                    await finished(new CsvExportOutcome(written, whole)).ConfigureAwait(false);
                }
            }
        }
    }
}

/// <summary>How a CSV download ended: the data rows written (the header not counted), and whether they were all of them.</summary>
public readonly record struct CsvExportOutcome(int Rows, bool Whole)
{
    /// <summary>For an audit entry: <c>1,234 rows</c>, or <c>stopped after 500 rows</c>.</summary>
    public string Describe() =>
        (Whole ? "" : "stopped after ") + Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + (Rows == 1 ? " row" : " rows");
}
