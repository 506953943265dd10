using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Telemetry;

/// <summary>
/// The console's JSON lines (the built-in formatter's fields) plus <c>TraceId</c> and <c>SpanId</c> of the current span,
/// so a log line leads to its trace. Scopes are not written: ASP.NET Core's request scope holds the request path, and
/// paths such as <c>/api/callers/{phone}/export</c> carry whole phone numbers.
/// </summary>
internal sealed class TraceJsonConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "json-traced";

    private readonly IDisposable? reload;
    private JsonConsoleFormatterOptions options;

    public TraceJsonConsoleFormatter(IOptionsMonitor<JsonConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.CurrentValue;
        reload = options.OnChange(o => this.options = o);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var current = options;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, current.JsonWriterOptions))
        {
            writer.WriteStartObject();
            if (current.TimestampFormat is { } format)
            {
                var now = current.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
                writer.WriteString("Timestamp", now.ToString(format, CultureInfo.InvariantCulture));
            }

            writer.WriteNumber("EventId", logEntry.EventId.Id);
            writer.WriteString("LogLevel", logEntry.LogLevel.ToString());
            writer.WriteString("Category", logEntry.Category);
            writer.WriteString("Message", message);
            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("Exception", exception.ToString());
            }

            if (Activity.Current is { } span)
            {
                writer.WriteString("TraceId", span.TraceId.ToHexString());
                writer.WriteString("SpanId", span.SpanId.ToHexString());
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                writer.WriteStartObject("State");
                writer.WriteString("Message", logEntry.State.ToString());
                foreach (var (key, value) in values)
                {
                    writer.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    public void Dispose() => reload?.Dispose();
}
