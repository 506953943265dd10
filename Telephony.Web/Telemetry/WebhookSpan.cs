using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Telephony.Web.Twilio;

namespace Telephony.Web.Telemetry;

/// <summary>The <c>telephony.*</c> tags of a webhook's server span. Nothing is computed when the span is not recorded.</summary>
public static class WebhookSpan
{
    public const string Route = "telephony.route";
    public const string Outcome = "telephony.outcome";
    public const string CallSidHash = "telephony.call_sid_hash";
    public const string DatabaseWaitMs = "telephony.db_wait_ms";

    public static void Enrich(HttpContext http, string route, string outcome)
    {
        if (Activity.Current is not { IsAllDataRequested: true } span)
        {
            return;
        }

        span.SetTag(Route, route);
        span.SetTag(Outcome, outcome);
        if (TwilioForm.Field(http, "CallSid") is { Length: > 0 } callSid)
        {
            span.SetTag(CallSidHash, HashOf(callSid));
        }
    }

    /// <summary>
    /// The first 8 bytes of the CallSid's SHA-256, in hex: enough to find one call's spans, and no CallSid in the
    /// tracing backend (a CallSid lets anyone with the account's credentials fetch the call and its recordings).
    /// </summary>
    public static string HashOf(string callSid)
    {
        ArgumentNullException.ThrowIfNull(callSid);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(callSid), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Adds the time from <paramref name="startTimestamp"/> to the span's database wait (a webhook may wait more than once).</summary>
    public static void AddDatabaseWait(long startTimestamp)
    {
        if (Activity.Current is not { IsAllDataRequested: true } span)
        {
            return;
        }

        var waited = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var before = span.GetTagItem(DatabaseWaitMs) is double earlier ? earlier : 0;
        span.SetTag(DatabaseWaitMs, Math.Round(before + waited, 3));
    }
}
