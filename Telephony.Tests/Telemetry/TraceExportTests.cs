using System.Globalization;
using System.Net;
using System.Text.Json;
using Telephony.Data;
using Telephony.Tests.Hotline;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Telemetry;

namespace Telephony.Tests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a collector receives each webhook as one trace, database work included.</summary>
public sealed class TraceExportTests : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();
    private readonly OtlpReceiver collector = new();
    private TelemetryAppFactory app = null!;
    private HotlineHarness hotline = null!;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        await collector.StartAsync();
        app = new TelemetryAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        HotlineHarness.Configure(app);
        app.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString();
        app.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        app.Settings["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        app.Settings["OTEL_BLRP_SCHEDULE_DELAY"] = "100";
        hotline = new HotlineHarness(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await collector.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_front_door_webhook_arrives_as_one_trace_with_its_database_span_inside()
    {
        var callSid = NewCallSid();
        var caller = HotlineHarness.NextCaller();
        using var response = await hotline.PostAsync("/twilio/voice/frontdoor", Call(callSid, caller));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var server = await collector.WaitForAsync(s => s[WebhookSpan.CallSidHash] == WebhookSpan.HashOf(callSid), "server span tagged with the call's hash");
        Assert.Equal("frontdoor", server[WebhookSpan.Route]);
        Assert.Equal(WebhookOutcome.TwiML, server[WebhookSpan.Outcome]);
        Assert.True(double.Parse(server[WebhookSpan.DatabaseWaitMs]!, CultureInfo.InvariantCulture) > 0, "No database wait was recorded.");

        await collector.WaitForAsync(s => s.TraceId == server.TraceId && IsPostgres(s) && DescendsFrom(s, server), "PostgreSQL span under the webhook's server span");

        var values = collector.Spans.Where(s => s.TraceId == server.TraceId).SelectMany(s => s.Attributes.Values).ToList();
        Assert.DoesNotContain(values, v => v.Contains(caller, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains(callSid, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains(hotline.Credentials.AuthToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhooks_console_log_line_carries_the_trace_and_span_of_its_server_span()
    {
        var callSid = NewCallSid();
        using var response = await hotline.PostAsync(
            "/twilio/voice/fallback", [.. Call(callSid, HotlineHarness.NextCaller()), new("ErrorCode", "11200"), new("ErrorUrl", "https://hotline.example.com/twilio/voice/menu")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = app.ConsoleLines.Lines.Single(l => l.Contains("Twilio used the fallback URL", StringComparison.Ordinal) && l.Contains(callSid, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var traceId = json.RootElement.GetProperty("TraceId").GetString();
        var spanId = json.RootElement.GetProperty("SpanId").GetString();

        var server = await collector.WaitForAsync(s => s.TraceId == traceId && s[WebhookSpan.Route] == "fallback", "server span with the log line's trace id");
        Assert.Equal(server.SpanId, spanId);
        Assert.Equal(WebhookSpan.HashOf(callSid), server[WebhookSpan.CallSidHash]);
    }

    private static string NewCallSid() => "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private KeyValuePair<string, string>[] Call(string callSid, string caller) =>
    [
        new("CallSid", callSid),
        new("AccountSid", hotline.Credentials.AccountSid),
        new("From", caller),
        new("To", HotlineHarness.HotlineNumber),
        new("CallStatus", "ringing"),
        new("Direction", "inbound"),
    ];

    private static bool IsPostgres(OtlpSpan span) => span["db.system.name"] == "postgresql" || span["db.system"] == "postgresql";

    private bool DescendsFrom(OtlpSpan span, OtlpSpan ancestor)
    {
        var trace = collector.Spans.Where(s => s.TraceId == ancestor.TraceId).ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent.Length > 0; parent = trace.TryGetValue(parent, out var next) ? next.ParentSpanId : "")
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
